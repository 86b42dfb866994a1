using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a Task.Run per task, their results awaited together and summed.
public sealed class ResultMerger : IResultMerger
{
    public double SumResults(int taskCount, Func<int, double> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);

        var results = Task.WhenAll(Enumerable.Range(0, taskCount).Select(index => Task.Run(() => task(index))));
        return results.GetAwaiter().GetResult().Sum();
    }
}
