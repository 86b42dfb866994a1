namespace GradingKit.Grading.Probes;

/// <summary>
/// A gate that the grader's tasks wait at until the grader opens it, bounded by
/// <see cref="Thresholds.Probes.GateTimeout"/> counted from the first wait and shared by all waiters:
/// a solution that never lets the gate open pays the timeout once, then runs on.
/// </summary>
public sealed class Gate
{
    private readonly ManualResetEventSlim opened = new(false);
    private readonly Lock clock = new();
    private DateTime? firstWait;

    /// <summary>Whether the grader opened the gate (not merely timed out at it).</summary>
    public bool IsOpen => opened.IsSet;

    /// <summary>Opens the gate for every waiter, now and later.</summary>
    public void Open() => opened.Set();

    /// <summary>Waits until the gate opens or the shared timeout has passed.</summary>
    /// <returns>Whether the gate opened.</returns>
    public bool Wait() => opened.Wait(Remaining());

    private TimeSpan Remaining()
    {
        lock (clock)
        {
            firstWait ??= DateTime.UtcNow;
            var remaining = firstWait.Value + Thresholds.Probes.GateTimeout - DateTime.UtcNow;
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }
}
