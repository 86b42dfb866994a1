namespace GradingKit.Grading.Probes;

/// <summary>Counts how many of the grader's tasks run at once: a witness of parallelism that machine load cannot change.</summary>
public sealed class InFlightCount
{
    private int now;
    private int most;

    /// <summary>The most tasks seen running at once.</summary>
    public int Most => Volatile.Read(ref most);

    /// <summary>Runs a task, counted in flight while it runs.</summary>
    /// <param name="task">The grader's task.</param>
    public void During(Action task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var running = Interlocked.Increment(ref now);
        for (var seen = Volatile.Read(ref most); running > seen; seen = Volatile.Read(ref most))
        {
            if (Interlocked.CompareExchange(ref most, running, seen) == seen)
            {
                break;
            }
        }

        try
        {
            task();
        }
        finally
        {
            Interlocked.Decrement(ref now);
        }
    }
}
