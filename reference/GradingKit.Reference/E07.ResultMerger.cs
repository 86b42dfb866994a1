using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class ResultMerger : IResultMerger
{
    public double SumResults(int taskCount, Func<int, double> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);

        // A subtotal per worker, merged once per worker under the lock: no lost updates, little contention.
        var total = 0.0;
        var merge = new Lock();
        Parallel.For(
            0,
            taskCount,
            () => 0.0,
            (index, _, subtotal) => subtotal + task(index),
            subtotal =>
            {
                lock (merge)
                {
                    total += subtotal;
                }
            });
        return total;
    }
}
