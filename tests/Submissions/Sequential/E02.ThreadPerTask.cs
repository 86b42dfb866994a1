using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: each thread is joined right after it is started, so the tasks run one after another.
public sealed class ThreadPerTask : IThreadPerTask
{
    public void RunAll(int taskCount, Action<int> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        for (var index = 0; index < taskCount; index++)
        {
            var captured = index;
            var thread = new Thread(() => task(captured));
            thread.Start();
            thread.Join();
        }
    }
}
