using GradingKit.Grading.Measuring;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Where a call's CPU time went: on the process's busiest thread during the call, and in the whole
/// process. Work that two or more threads shared shows as the CPU time beside the busiest one, whatever
/// the load and however many CPUs; work moved whole to one other thread (plain recursion inside a
/// Task.Run) does not. Where the system tells no other thread's CPU time (outside Linux), the calling
/// thread stands for the busiest.
/// </summary>
/// <param name="Busiest">The CPU time of the thread that ran the most of it.</param>
/// <param name="Process">The CPU time of the whole process during the call.</param>
public sealed record CpuSplit(TimeSpan Busiest, TimeSpan Process)
{
    /// <summary>Whether this platform tells a thread its CPU time.</summary>
    public static bool Available => ThreadCpuTime.Available;

    /// <summary>The CPU time spent on the process's other threads meanwhile.</summary>
    public TimeSpan BesideTheBusiest => Process - Busiest;

    /// <summary>Makes the call on this thread and measures the clocks around it.</summary>
    /// <param name="call">The call.</param>
    /// <returns>The split.</returns>
    public static CpuSplit Of(Action call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var before = OtherThreads();
        var process = Environment.CpuUsage.TotalTime;
        var calling = ThreadCpuTime.Now();
        call();
        var callingThread = ThreadCpuTime.Now() - calling;
        var total = Environment.CpuUsage.TotalTime - process;
        var busiest = OtherThreads().Select(thread => thread.Value - before.GetValueOrDefault(thread.Key)).Append(callingThread).Max();
        return new(busiest, total);
    }

    /// <summary>Every thread's CPU time so far, by its id (Linux: the ids that /proc/self/task lists); none elsewhere.</summary>
    private static Dictionary<int, TimeSpan> OtherThreads()
    {
        var times = new Dictionary<int, TimeSpan>();
        if (!OperatingSystem.IsLinux())
        {
            return times;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), out var id) && ThreadCpuTime.Of(id) is { } time)
            {
                times[id] = time;
            }
        }

        return times;
    }
}
