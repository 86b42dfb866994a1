namespace GradingKit.Grading;

/// <summary>
/// Every number that decides a verdict, in one place. Checks never measure a duration against a
/// clock here: these are the time limits that turn a hang into a failure, and the waits that let
/// probes see how many workers run at once.
/// </summary>
public static class Thresholds
{
    /// <summary>How long one call into student code may take before the check fails as a hang.</summary>
    public static readonly TimeSpan StudentCallLimit = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long probed tasks wait for one another at a gate before giving up. A correct solution
    /// opens the gate at once; a sequential one pays this once per probe, then runs on.
    /// </summary>
    public static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long each probed task keeps its place after the gate opened, so that more in flight than allowed shows.</summary>
    public static readonly TimeSpan ProbeHold = TimeSpan.FromMilliseconds(40);

    /// <summary>How long a check waits, after its own work is done, for a worker that should no longer start.</summary>
    public static readonly TimeSpan LateStartGrace = TimeSpan.FromMilliseconds(300);

    /// <summary>E12: tasks a fork-join may start per recursion step above the cutoff (Parallel.Invoke starts two).</summary>
    public const int TasksPerForkStep = 2;

    /// <summary>E12: tasks started by anything else in the process while the check runs, allowed on top.</summary>
    public const int UnrelatedTaskAllowance = 64;

    /// <summary>The stack of the thread that calls student code: deep enough that a recursive solution is caught by its result, not by a crash.</summary>
    public const int StudentThreadStackBytes = 256 * 1024 * 1024;
}
