using GradingKit.Grading.Measuring;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Where a call's CPU time went: on the thread that made the call, and in the whole process. Work the
/// call handed to other threads shows as the difference, whatever the load and however many CPUs.
/// </summary>
/// <param name="Calling">The CPU time of the calling thread during the call.</param>
/// <param name="Process">The CPU time of the whole process during the call.</param>
public sealed record CpuSplit(TimeSpan Calling, TimeSpan Process)
{
    /// <summary>Whether this platform tells a thread its CPU time.</summary>
    public static bool Available => ThreadCpuTime.Available;

    /// <summary>The CPU time spent on the process's other threads meanwhile.</summary>
    public TimeSpan Elsewhere => Process - Calling;

    /// <summary>Makes the call on this thread and measures both clocks around it.</summary>
    /// <param name="call">The call.</param>
    /// <returns>The split.</returns>
    public static CpuSplit Of(Action call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var process = Environment.CpuUsage.TotalTime;
        var thread = ThreadCpuTime.Now();
        call();
        return new(ThreadCpuTime.Now() - thread, Environment.CpuUsage.TotalTime - process);
    }
}
