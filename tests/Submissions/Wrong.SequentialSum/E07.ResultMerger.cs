using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: a plain loop.
public sealed class ResultMerger : IResultMerger
{
    public double SumResults(int taskCount, Func<int, double> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        var total = 0.0;
        for (var index = 0; index < taskCount; index++)
        {
            total += task(index);
        }

        return total;
    }
}
