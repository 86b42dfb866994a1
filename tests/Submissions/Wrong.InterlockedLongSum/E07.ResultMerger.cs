using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: Interlocked.Add has no double overload, so the student adds each result as a long: fractions are lost.
public sealed class ResultMerger : IResultMerger
{
    public double SumResults(int taskCount, Func<int, double> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        long total = 0;
        Parallel.For(0, taskCount, index => Interlocked.Add(ref total, (long)task(index)));
        return total;
    }
}
