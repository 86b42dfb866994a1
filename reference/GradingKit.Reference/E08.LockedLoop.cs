using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class LockedLoop : ILockedLoop
{
    public void RunAll(int taskCount, Action<int, Lock> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);

        // One lock for all, created before the threads start: the notebook's Lock passed to each Process.
        var shared = new Lock();
        DedicatedThreads.Run(taskCount, index => task(index, shared));
    }
}
