using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: starts a task per index with the shared lock, but never waits for them.
public sealed class LockedLoop : ILockedLoop
{
    public void RunAll(int taskCount, Action<int, Lock> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        var shared = new Lock();
        for (var index = 0; index < taskCount; index++)
        {
            var i = index;
            Task.Run(() => task(i, shared));
        }
    }
}
