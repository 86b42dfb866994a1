using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: every task adds its result with an Interlocked compare-and-swap loop.
public sealed class ResultMerger : IResultMerger
{
    public double SumResults(int taskCount, Func<int, double> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        var total = 0.0;
        Parallel.For(0, taskCount, index =>
        {
            var value = task(index);
            double seen, added;
            do
            {
                seen = Volatile.Read(ref total);
                added = seen + value;
            }
            while (Interlocked.CompareExchange(ref total, added, seen) != seen);
        });
        return total;
    }
}
