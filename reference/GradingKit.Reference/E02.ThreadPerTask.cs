using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class ThreadPerTask : IThreadPerTask
{
    public void RunAll(int taskCount, Action<int> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        DedicatedThreads.Run(taskCount, task);
    }
}
