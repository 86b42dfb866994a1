using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The fault: an endless loop.
public sealed class ResultMerger : IResultMerger
{
    public double SumResults(int taskCount, Func<int, double> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        var total = 0.0;
        for (var index = 0; index < taskCount; index = (index + 1) % Math.Max(taskCount, 1))
        {
            total += task(index) * 0;
        }

        return total;
    }
}
