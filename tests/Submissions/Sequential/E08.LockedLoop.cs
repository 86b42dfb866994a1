using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: the whole task runs under the lock, so the tasks run one after another.
public sealed class LockedLoop : ILockedLoop
{
    public void RunAll(int taskCount, Action<int, Lock> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        var shared = new Lock();
        DedicatedThreads.Run(taskCount, index =>
        {
            lock (shared)
            {
                task(index, shared);
            }
        });
    }
}
