using System.Globalization;
using GradingKit.Contracts;

namespace GradingKit.Grading.Measuring;

/// <summary>
/// The timing model (the README's "Timing checks"), in one place: the ideal wall time of n tasks of duration t on
/// k workers and P processors, the limit a solution must keep (ideal x (1 + slack) + overhead,
/// scaled by the <see cref="RunParameters.TimingScale"/> run parameter), and the CPU time
/// that waiting and computing work may cost.
/// </summary>
public static class TimingModel
{
    /// <summary>P: the processors of this process (affinity and container limits included).</summary>
    public static int Processors => Environment.ProcessorCount;

    /// <summary>The factor on slack and overheads, from the run parameter (1 unless told otherwise).</summary>
    public static double Scale
    {
        get
        {
            var given = TestContext.Parameters.Get(RunParameters.TimingScale);
            if (given is null)
            {
                return 1;
            }

            return double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale >= 1
                ? scale
                : throw new ArgumentException(
                    $"The run parameter {RunParameters.TimingScale} must be a number of at least 1 (it multiplies the slack and the overheads); it was '{given}'.");
        }
    }

    /// <summary>Waiting work: ceil(n / k) x t. Computing work: max(ceil(n / k) x t, n x t / P).</summary>
    /// <param name="taskCount">n, the number of tasks.</param>
    /// <param name="taskDuration">t, one task's duration on a CPU of its own.</param>
    /// <param name="workers">k, the workers (k = n for one thread per task).</param>
    /// <param name="processorCount">P, the processors.</param>
    /// <param name="kind">Whether the tasks wait or compute.</param>
    /// <returns>The ideal wall time.</returns>
    public static TimeSpan IdealWallTime(int taskCount, TimeSpan taskDuration, int workers, int processorCount, WorkKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processorCount);
        var rounds = taskDuration * ((taskCount + workers - 1) / workers);
        if (kind == WorkKind.Waiting)
        {
            return rounds;
        }

        var shared = taskDuration * taskCount / processorCount;
        return rounds > shared ? rounds : shared;
    }

    /// <summary>The wall-time limit for an ideal: ideal x (1 + slack) + overhead, both scaled.</summary>
    /// <param name="ideal">The ideal wall time.</param>
    /// <param name="slack">The slack: the timing checks' own, or a kind of check's (<see cref="Thresholds.SpeedUp.Slack"/>).</param>
    /// <returns>The limit.</returns>
    public static TimeSpan Limit(TimeSpan ideal, double slack = Thresholds.Timing.Slack) =>
        (ideal * (1 + (slack * Scale))) + (Thresholds.Timing.Overhead * Scale);

    /// <summary>The wall-time expectation of n tasks of t on k workers, against running them one after another.</summary>
    /// <param name="taskCount">n.</param>
    /// <param name="taskDuration">t.</param>
    /// <param name="workers">k.</param>
    /// <param name="kind">Waiting or computing work.</param>
    /// <param name="othersCpu">
    /// For computing work: the CPU time other processes took from this machine meanwhile, which the
    /// tasks could not have (see <see cref="Measurement.Others"/>).
    /// </param>
    /// <returns>The expectation.</returns>
    public static TimeLimit WallTime(int taskCount, TimeSpan taskDuration, int workers, WorkKind kind, TimeSpan othersCpu = default)
    {
        var rounds = taskDuration * ((taskCount + workers - 1) / workers);
        var roundsText = $"ceil({taskCount} / {workers}) x {Durations.Format(taskDuration)}";
        TimeSpan ideal;
        string model;
        if (kind == WorkKind.Waiting)
        {
            ideal = rounds;
            model = $"{roundsText} ({taskCount} waiting tasks on {workers} workers)";
        }
        else
        {
            var shared = ((taskDuration * taskCount) + othersCpu) / Processors;
            ideal = rounds > shared ? rounds : shared;
            model = $"max({roundsText}, ({taskCount} x {Durations.Format(taskDuration)}{OthersTerm(othersCpu)}) / P) ({taskCount} computing tasks on {workers} workers)";
        }

        return WallTime(ideal, model, taskDuration * taskCount, "running the tasks one after another") with
        {
            Work = new TimedWork(taskCount, taskDuration, workers),
            Schedule = Timeline.Schedule(taskCount, taskDuration, kind == WorkKind.Computing ? Math.Min(workers, Processors) : workers),
            Others = kind == WorkKind.Computing ? othersCpu : TimeSpan.Zero,
            QuietIdeal = IdealWallTime(taskCount, taskDuration, workers, Processors, kind),
            Waits = kind == WorkKind.Waiting,
        };
    }

    /// <summary>A speed-up check: a parallel run against the student's own sequential run, measured right before.</summary>
    /// <param name="sequential">The sequential run: its work is its CPU time up to its wall time (<see cref="Measurement.OneThreadWork"/>).</param>
    /// <param name="parallel">The parallel run.</param>
    /// <param name="baselineCall">The sequential call, for the message.</param>
    /// <returns>The limit; see the overload.</returns>
    public static TimeLimit SpeedUp(Measurement sequential, Measurement parallel, string baselineCall) =>
        SpeedUp(sequential.OneThreadWork, parallel, baselineCall);

    /// <summary>A speed-up check against the work of a sequential run (the least of several, where the check took it).</summary>
    /// <param name="sequentialCpu">The sequential run's work: its CPU time up to its wall time (<see cref="Measurement.OneThreadWork"/>); its wall time alone would count what other processes took from it.</param>
    /// <param name="parallel">The parallel run.</param>
    /// <param name="baselineCall">The sequential call, for the message.</param>
    /// <returns>Ideal (the sequential run's CPU time + what other processes took meanwhile) / P; the mistake is no speed-up at all.</returns>
    public static TimeLimit SpeedUp(TimeSpan sequentialCpu, Measurement parallel, string baselineCall) =>
        WallTime(
            (sequentialCpu + parallel.Others) / Processors,
            $"({Durations.Format(sequentialCpu)}, the CPU time of your own {baselineCall} up to its wall time{OthersTerm(parallel.Others)}) / P",
            sequentialCpu,
            "no speed-up at all",
            Thresholds.SpeedUp.Slack) with
        {
            Others = parallel.Others,
            SequentialCpu = sequentialCpu,
            QuietIdeal = sequentialCpu / Processors,
            Schedule = Timeline.Schedule(Processors, (sequentialCpu + parallel.Others) / Processors, Processors),
        };

    /// <summary>A wall-time expectation for an ideal computed elsewhere.</summary>
    /// <param name="ideal">The ideal wall time.</param>
    /// <param name="model">How the ideal comes about, for the message.</param>
    /// <param name="mistakeCost">What the mistake the check looks for would take; null where the check is always conclusive.</param>
    /// <param name="mistake">That mistake, for the message.</param>
    /// <param name="slack">The slack of the limit.</param>
    /// <returns>The expectation.</returns>
    public static TimeLimit WallTime(TimeSpan ideal, string model, TimeSpan? mistakeCost, string? mistake, double slack = Thresholds.Timing.Slack) =>
        new(TimedQuantity.WallTime, ideal, null, Limit(ideal, slack), model, mistakeCost, mistake) { Slack = slack };

    private static string OthersTerm(TimeSpan othersCpu) =>
        othersCpu >= Thresholds.CpuTime.OthersWorthMentioning ? $" + {Durations.Format(othersCpu)} that other processes took" : string.Empty;

    /// <summary>Waiting work costs almost no CPU time: a share of its ideal wall time plus an overhead.</summary>
    /// <param name="taskCount">n.</param>
    /// <param name="taskDuration">t.</param>
    /// <param name="workers">k.</param>
    /// <returns>The expectation; a busy wait would cost at least the whole ideal wall time.</returns>
    public static TimeLimit CpuTimeOfWaiting(int taskCount, TimeSpan taskDuration, int workers)
    {
        var idealWall = IdealWallTime(taskCount, taskDuration, workers, Processors, WorkKind.Waiting);
        return new(
            TimedQuantity.CpuTime,
            TimeSpan.Zero,
            null,
            (idealWall * Thresholds.CpuTime.WaitingShare) + (Thresholds.CpuTime.Overhead * Scale),
            $"about nothing: {taskCount} tasks that only wait {Durations.Format(taskDuration)} each; "
                + $"limit = {Thresholds.CpuTime.WaitingShare:0.##} x the ideal wall time of {Durations.Format(idealWall)} + {Durations.Format(Thresholds.CpuTime.Overhead * Scale)}",
            idealWall,
            "waiting in a loop that keeps a CPU busy")
        {
            Work = new TimedWork(taskCount, taskDuration, workers),
        };
    }

    /// <summary>Computing work costs about n x t of CPU time: the work really ran, once, and nothing spun beside it.</summary>
    /// <param name="taskCount">n.</param>
    /// <param name="taskDuration">t.</param>
    /// <returns>The expectation, a range around n x t; always conclusive.</returns>
    public static TimeLimit CpuTimeOfComputing(int taskCount, TimeSpan taskDuration)
    {
        var work = taskDuration * taskCount;
        return new(
            TimedQuantity.CpuTime,
            work,
            work * (1 - Thresholds.CpuTime.ComputingTolerance),
            (work * (1 + Thresholds.CpuTime.ComputingTolerance)) + (Thresholds.CpuTime.Overhead * Scale),
            $"{taskCount} x {Durations.Format(taskDuration)} of computing work",
            null,
            null)
        {
            Work = new TimedWork(taskCount, taskDuration, taskCount),
        };
    }
}

/// <summary>What a timing check measures.</summary>
public enum TimedQuantity
{
    /// <summary>The wall time, on a Stopwatch.</summary>
    WallTime,

    /// <summary>The CPU time of the process, user and system.</summary>
    CpuTime,
}

/// <summary>The work a timing check hands out: n tasks of duration t for k workers.</summary>
/// <param name="Tasks">n.</param>
/// <param name="Duration">t.</param>
/// <param name="Workers">k.</param>
public sealed record TimedWork(int Tasks, TimeSpan Duration, int Workers);

/// <summary>What a timing check expects of one quantity, and what the mistake it looks for would cost.</summary>
/// <param name="Quantity">Wall or CPU time.</param>
/// <param name="Ideal">The ideal value.</param>
/// <param name="Floor">The least allowed, if any.</param>
/// <param name="Limit">The most allowed.</param>
/// <param name="Model">How the ideal comes about, for the message.</param>
/// <param name="MistakeCost">What the mistake would cost; null where the check is always conclusive.</param>
/// <param name="Mistake">That mistake, for the message.</param>
public sealed record TimeLimit(
    TimedQuantity Quantity, TimeSpan Ideal, TimeSpan? Floor, TimeSpan Limit, string Model, TimeSpan? MistakeCost, string? Mistake)
{
    /// <summary>The words with which an undecided speed-up names the machine's slowing of parallel threads.</summary>
    public const string MachineSlowsThreadsSideBySide = "some machines' slowing of threads that compute side by side";

    /// <summary>The tasks, their duration and the workers, where the check hands out uniform work.</summary>
    public TimedWork? Work { get; init; }

    /// <summary>The ideal schedule of the check's work, a row per worker, drawn under the run's timeline; null where there is none.</summary>
    public IReadOnlyList<IReadOnlyList<TimelineSpan>>? Schedule { get; init; }

    /// <summary>The CPU time other processes took during the measurement, already counted into the ideal.</summary>
    public TimeSpan Others { get; init; }

    /// <summary>Whether other processes took enough CPU time to matter.</summary>
    public bool Contended => Others >= Thresholds.CpuTime.OthersWorthMentioning;

    /// <summary>
    /// Whether this is the wall time of work that only waits: what other processes take is no part of
    /// its ideal, but a busy machine delays its threads' starts and wake-ups (<see cref="LoadExplains"/>).
    /// </summary>
    public bool Waits { get; init; }

    /// <summary>The CPU time of the student's own sequential run, where the limit is a speed-up over it.</summary>
    public TimeSpan? SequentialCpu { get; init; }

    /// <summary>The slack of a wall-time limit (limit = ideal x (1 + Slack) + overhead).</summary>
    public double Slack { get; init; } = Thresholds.Timing.Slack;

    /// <summary>The ideal had no other process taken CPU time meanwhile; null where that makes no difference.</summary>
    public TimeSpan? QuietIdeal { get; init; }

    /// <summary>Whether the check would be conclusive on this machine with no other process busy: if not, measuring again cannot help.</summary>
    public bool ConclusiveWhenQuiet => MistakeCost is not { } cost || cost >= TimingModel.Limit(QuietIdeal ?? Ideal, Slack) * Thresholds.Timing.ConclusiveRatio;

    /// <summary>"wall time" or "CPU time".</summary>
    public string Name => Quantity == TimedQuantity.WallTime ? "wall time" : "CPU time";

    /// <summary>Whether this machine can tell the mistake from a correct solution: the mistake costs at least 1.5 x the limit.</summary>
    public bool IsConclusive => MistakeCost is not { } cost || cost >= Limit * Thresholds.Timing.ConclusiveRatio;

    /// <summary>Why the check cannot decide here; empty when it can.</summary>
    public string InconclusiveReason => IsConclusive
        ? string.Empty
        : (Contended ? $"other processes took {Durations.Format(Others)} of CPU time meanwhile; " : string.Empty)
            + $"with P = {TimingModel.Processors}, {Mistake} would take {Durations.Format(MistakeCost!.Value)}, "
            + $"less than {Thresholds.Timing.ConclusiveRatio} x the limit of {Durations.Format(Limit)}: on this machine the two cannot be told apart";

    /// <summary>The measured value of this quantity.</summary>
    /// <param name="measurement">A measurement.</param>
    /// <returns>Its wall or CPU time.</returns>
    public TimeSpan Of(Measurement measurement) => Quantity == TimedQuantity.WallTime ? measurement.Wall : measurement.Cpu;

    /// <summary>Whether a measurement keeps within the limits.</summary>
    /// <param name="measurement">A measurement.</param>
    /// <returns>True when within.</returns>
    public bool Holds(Measurement measurement) => Of(measurement) <= Limit && (Floor is not { } floor || Of(measurement) >= floor);

    /// <summary>
    /// Why a wall time over the limit may be the machine's doing rather than the solution's; null where
    /// it cannot be. Then the attempt is undecided, not failed: waiting work that a busy machine
    /// delayed (<see cref="DelayedWaits"/>), or a speed-up that the machine's own slowing of threads
    /// computing side by side cost (<see cref="SlowedSideBySide"/>).
    /// </summary>
    /// <param name="measurement">A measurement.</param>
    /// <returns>The reason, or null.</returns>
    public string? LoadExplains(Measurement measurement) =>
        Quantity != TimedQuantity.WallTime || Holds(measurement) ? null
        : Waits ? DelayedWaits(measurement)
        : SlowedSideBySide(measurement);

    /// <summary>
    /// A busy machine delays waiting threads only while they wait for a CPU, and by no more than the
    /// CPU time other processes took: a run that is no further over the limit than both the time
    /// threads waited for a CPU and what the other processes took is undecided. On a quiet machine both
    /// are about zero, and the limit alone decides.
    /// </summary>
    private string? DelayedWaits(Measurement measurement)
    {
        if (measurement.Stalled is not { } stalled || measurement.Others < Thresholds.CpuTime.OthersWorthMentioning)
        {
            return null;
        }

        var over = Of(measurement) - Limit;
        return over <= stalled && over <= measurement.Others
            ? $"other processes took {Durations.Format(measurement.Others)} of CPU time while it ran, and for {Durations.Format(stalled)} threads waited for a CPU: "
                + $"enough to have delayed the waiting tasks by the {Durations.Format(over)} it was over the limit"
            : null;
    }

    /// <summary>
    /// Some machines slow threads that compute side by side (measured: each up to 1.80 x slower than one
    /// alone, coming and going), which costs a correct solution its speed-up without any mistake of its
    /// own. A speed-up over its limit is undecided where its parallel run cost no more CPU time than
    /// that explains (<see cref="Thresholds.SpeedUp.SlowedSideBySideCpuRatio"/> x the sequential run's,
    /// where the mistakes that fight over shared data cost far more) and where its wall time was within
    /// the limit of that CPU time shared by P: the work was spread well, only slower. Garbage collection
    /// does not decide it either way: the reference's count, which reads line by line, has paused for 13
    /// to 15% of its parallel runs' wall time in the grade command's hosts, as much as whole files read
    /// and split (13 to 24%, <see cref="Thresholds.Timing.GcHeavyShare"/>). But a collection stops every
    /// thread while it runs on one: the CPU time of its pauses is not shared by P. Counting it so, the
    /// PLINQ counter's gradings that failed here (2 of about 30 on 2026-12-05: 1.47 to 1.68 x its one-worker
    /// run, 24 to 33 ms over that limit, with pauses of 97 to 140 ms) are undecided. A run that its own
    /// collections bound (<see cref="Measurement.GcBound"/>) lost its speed-up to its allocation. The
    /// ratio cannot tell the machine's slowing from work the solution adds only in parallel: one PLINQ
    /// query that groups every number (GroupBy) cost 1.35 x here, and outside the grader ran no faster
    /// with two workers than with one, so the reason says where to look when it stays.
    /// </summary>
    private string? SlowedSideBySide(Measurement measurement)
    {
        if (SequentialCpu is not { } sequential || sequential <= TimeSpan.Zero || measurement.GcBound)
        {
            return null;
        }

        var ratio = measurement.Cpu / sequential;
        var paused = measurement.GcPauses < measurement.Cpu ? measurement.GcPauses : measurement.Cpu;
        var ownLimit = TimingModel.Limit(((measurement.Cpu + Others - paused) / TimingModel.Processors) + paused, Slack);
        var shared = paused > TimeSpan.Zero ? $"shared by P but for the {Durations.Format(paused)} the garbage collector stopped every thread" : "shared by P";
        return ratio <= Thresholds.SpeedUp.SlowedSideBySideCpuRatio && measurement.Wall <= ownLimit
            ? $"the parallel run cost {ratio:0.00} x the CPU time of the sequential one, no more than {MachineSlowsThreadsSideBySide} explains "
                + $"(up to {Thresholds.SpeedUp.SlowedSideBySideCpuRatio} x; work fought over costs more), and its wall time was within the limit of that CPU time {shared} "
                + $"({Durations.Format(ownLimit)}): the work was spread well, and the speed-up it lost may be the machine's, not the solution's. "
                + "Where it stays so on every grading, look for work that only the parallel run does (one query that regroups every item, a collection its workers share): it costs CPU time that the sequential run does not"
            : null;
    }

    /// <summary>Whether a measurement is closer to the mistake's cost than to the limit.</summary>
    /// <param name="measurement">A measurement.</param>
    /// <returns>True when it looks like the mistake.</returns>
    public bool LooksLikeTheMistake(Measurement measurement) =>
        MistakeCost is { } cost && Of(measurement) >= (Limit + cost) / 2;

    /// <summary>The expectation, as a failure message states it.</summary>
    /// <returns>For example "wall time at most 145 ms: ideal 100 ms = ceil(8 / 8) x 100 ms (...), x (1 + 0.25) + 20 ms".</returns>
    public string Describe()
    {
        var range = Floor is { } floor
            ? $"{Name} between {Durations.Format(floor)} and {Durations.Format(Limit)}"
            : $"{Name} at most {Durations.Format(Limit)}";
        var how = Quantity == TimedQuantity.WallTime
            ? $"ideal {Durations.Format(Ideal)} = {Model}; limit = ideal x (1 + {Slack * TimingModel.Scale:0.##}) + {Durations.Format(Thresholds.Timing.Overhead * TimingModel.Scale)}"
            : Model;
        return $"{range} ({how}; P = {TimingModel.Processors})";
    }

    /// <summary>The expectation beside one attempt's measurement: "(ideal 100 ms, limit 145 ms, P = 2)".</summary>
    /// <returns>The short form.</returns>
    public string Brief() => Floor is { } floor
        ? $"({Name}: ideal {Durations.Format(Ideal)}, between {Durations.Format(floor)} and {Durations.Format(Limit)}, P = {TimingModel.Processors})"
        : $"({Name}: ideal {Durations.Format(Ideal)}, limit {Durations.Format(Limit)}, P = {TimingModel.Processors})";
}
