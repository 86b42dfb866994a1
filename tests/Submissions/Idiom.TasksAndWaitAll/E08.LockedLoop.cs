using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a Task.Run per task, each handed the one shared lock, all waited for with Task.WaitAll.
public sealed class LockedLoop : ILockedLoop
{
    public void RunAll(int taskCount, Action<int, Lock> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);

        var shared = new Lock();
        Task.WaitAll(Enumerable.Range(0, taskCount).Select(index => Task.Run(() => task(index, shared))).ToArray());
    }
}
