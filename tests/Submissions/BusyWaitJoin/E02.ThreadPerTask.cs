using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: the caller waits for its threads in a loop that keeps a CPU busy, instead of Join.
public sealed class ThreadPerTask : IThreadPerTask
{
    public void RunAll(int taskCount, Action<int> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);
        var threads = Enumerable.Range(0, taskCount).Select(index => new Thread(() => task(index))).ToList();
        threads.ForEach(thread => thread.Start());
        while (threads.Any(thread => thread.IsAlive))
        {
            // spin
        }
    }
}
