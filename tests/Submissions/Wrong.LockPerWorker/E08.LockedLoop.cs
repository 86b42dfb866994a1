using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: a Lock per worker (Parallel.For's localInit): tasks on different workers hold different locks.
public sealed class LockedLoop : ILockedLoop
{
    public void RunAll(int taskCount, Action<int, Lock> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        Parallel.For(0, taskCount, () => new Lock(), (index, _, mine) =>
        {
            task(index, mine);
            return mine;
        }, _ => { });
    }
}
