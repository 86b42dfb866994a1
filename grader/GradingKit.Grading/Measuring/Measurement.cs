using System.Diagnostics;

namespace GradingKit.Grading.Measuring;

/// <summary>
/// What one run of student code cost, as the notebook's <c>%%time</c> reports it: the wall time
/// (a Stopwatch) and the CPU time of the whole process (<see cref="Environment.CpuUsage"/>), user,
/// system and total.
/// </summary>
/// <param name="Wall">The wall time.</param>
/// <param name="User">The CPU time spent in user mode.</param>
/// <param name="System">The CPU time spent in the kernel.</param>
/// <param name="Others">
/// The CPU time that other processes (and the hypervisor) took from this machine meanwhile, where
/// the operating system tells (Linux); zero elsewhere.
/// </param>
/// <param name="GcPauses">How long the garbage collector paused the process's threads meanwhile.</param>
/// <param name="Stalled">
/// How long, meanwhile, at least one thread of the machine (this process's or another's) that could
/// run waited for a CPU, where the operating system tells (Linux's pressure stall information); null elsewhere.
/// </param>
public readonly record struct Measurement(TimeSpan Wall, TimeSpan User, TimeSpan System, TimeSpan Others = default, TimeSpan GcPauses = default, TimeSpan? Stalled = null)
{
    /// <summary>The CPU time, user and system together.</summary>
    public TimeSpan Cpu => User + System;

    /// <summary>
    /// The work of a run that computes on one thread at a time (a speed-up's sequential or one-worker
    /// run): its CPU time, but never more than its wall time. One thread cannot compute for longer than
    /// the run lasts; CPU time beyond that was other threads', most often the thread pool's idle workers
    /// spinning for the next item each time an awaited read hands the work on (a one-worker
    /// Parallel.ForEachAsync count cost 0.15 to 0.28 s of CPU time over its wall time of 1.1 to 1.6 s,
    /// 1.14 to 1.37 x its two workers' CPU time, where its wall time was 0.98 to 1.09 x it).
    /// </summary>
    public TimeSpan OneThreadWork => Cpu < Wall ? Cpu : Wall;

    /// <summary>Runs <paramref name="run"/> and measures it.</summary>
    /// <param name="run">The run.</param>
    /// <returns>Its cost.</returns>
    public static Measurement Of(Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var machineBefore = MachineCpu.Busy();
        var stalledBefore = MachineCpu.Stalled();
        var pausedBefore = GC.GetTotalPauseDuration();
        var before = Environment.CpuUsage;
        var clock = Stopwatch.StartNew();
        run();
        var wall = clock.Elapsed;
        var after = Environment.CpuUsage;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var machineAfter = MachineCpu.Busy();
        var stalled = MachineCpu.Stalled() - stalledBefore;
        var ours = after.TotalTime - before.TotalTime;
        var others = machineAfter - machineBefore - ours is { } taken && taken > TimeSpan.Zero ? taken : TimeSpan.Zero;
        return new Measurement(wall, after.UserTime - before.UserTime, after.PrivilegedTime - before.PrivilegedTime, others, paused, stalled);
    }

    /// <summary>"CPU times: user 3.98 s, sys 12 ms, total 3.99 s; Wall time: 2.03 s".</summary>
    /// <returns>The measurement in %%time form.</returns>
    public override string ToString() =>
        $"CPU times: user {Durations.Format(User)}, sys {Durations.Format(System)}, total {Durations.Format(Cpu)}; Wall time: {Durations.Format(Wall)}"
        + (Others >= Thresholds.CpuTime.OthersWorthMentioning ? $"; other processes took {Durations.Format(Others)} of CPU time meanwhile" : string.Empty)
        + (Others >= Thresholds.CpuTime.OthersWorthMentioning && Stalled >= Thresholds.CpuTime.OthersWorthMentioning ? $", and for {Durations.Format(Stalled.Value)} threads waited for a CPU" : string.Empty)
        + (GcHeavy ? $"; garbage collection paused every thread for {Durations.Format(GcPauses)}" : string.Empty);

    /// <summary>Whether garbage collection stopped the threads for a large share of the wall time.</summary>
    public bool GcHeavy => GcPauses > Wall * Thresholds.Timing.GcHeavyShare;

    /// <summary>Whether garbage collection stopped the threads for so much of the wall time that the run is bound by its own allocation.</summary>
    public bool GcBound => GcPauses > Wall * Thresholds.Timing.GcBoundShare;
}
