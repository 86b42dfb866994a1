using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The fault: a deadlock. The caller holds the lock while it waits for threads that need it.
public sealed class LockedLoop : ILockedLoop
{
    public void RunAll(int taskCount, Action<int, Lock> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        var shared = new Lock();
        lock (shared)
        {
            DedicatedThreads.Run(taskCount, index =>
            {
                lock (shared)
                {
                    task(index, shared);
                }
            });
        }
    }
}
