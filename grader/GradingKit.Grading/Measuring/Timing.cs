using System.Collections.Concurrent;
using System.Text.Json;
using GradingKit.Grading.Boundary;
using GradingKit.Grading.Checks;
using GradingKit.Grading.Probes;
using GradingKit.Grading.Session;
using GradingKit.Grading.Work;

namespace GradingKit.Grading.Measuring;

/// <summary>One measured attempt of a timing check, and what it was held to.</summary>
/// <param name="Measurement">What the attempt cost.</param>
/// <param name="Limit">What it was expected to cost (for speed-up checks it depends on a baseline measured in the same attempt).</param>
/// <param name="Baseline">The student's own sequential run, where the expectation is relative to it.</param>
/// <param name="Witness">What a witness that machine load cannot change saw of the same run: whether it ran in parallel at all.</param>
public sealed record TimedAttempt(Measurement Measurement, TimeLimit Limit, Measurement? Baseline = null, Witness? Witness = null)
{
    /// <summary>The picture of the run, where the check's work is the grader's tasks.</summary>
    public Timeline? Timeline { get; init; }

    /// <summary>One line of the report: the baseline if any, the measurement in %%time form, the expectation beside it, the witness.</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        (Baseline is { } baseline ? $"sequential run: {baseline}; parallel run: " : string.Empty) + $"{Measurement} {Limit.Brief()}"
        + (Witness is { } witness ? $"; {witness.Seen}" : string.Empty);
}

/// <summary>
/// What a witness of parallelism saw: how many of the grader's tasks were in flight at once, or
/// how the call's CPU time spread over its threads. Neither changes with the machine's load or its CPU
/// count, so a witness decides "in parallel or not" where wall time cannot; wall time then judges
/// efficiency.
/// </summary>
/// <param name="Holds">Whether the run was what the check expects (in parallel; a fair baseline).</param>
/// <param name="Decides">What the witness decides, in a few words ("threads working together"), for "no ..." in the message.</param>
/// <param name="Seen">What the witness saw, for the message.</param>
/// <param name="Expected">What it expected, and why, for the message.</param>
/// <param name="Hint">The mistake when it does not hold.</param>
/// <param name="Decisive">Whether it saw enough to decide; one that did not is shown but decides nothing.</param>
/// <param name="JudgesEveryAttempt">Whether it judged the check's attempts so far together (then the last attempt's decides the check).</param>
/// <param name="Undecided">
/// Why it could tell neither way, where the wall-time limit rests on it (a baseline that may or may not
/// be the same work): an attempt within its limit is then undecided rather than passed; null where it decided.
/// </param>
public sealed record Witness(bool Holds, string Decides, string Seen, string Expected, Hint Hint, bool Decisive = true, bool JudgesEveryAttempt = false, string? Undecided = null)
{
    /// <summary>Whether it decided that the work ran as the check expects (so only efficiency is left to wall time).</summary>
    public bool RulesOutTheMistake => Holds && Decisive;

    /// <summary>
    /// How a call's CPU time spread over its threads, against work done one piece after another; and,
    /// for work that reads files, how its reading spread: where one thread read nearly all of the
    /// files, they were read one after another, however many threads kept busy beside it.
    /// </summary>
    /// <param name="concurrency">What was sampled; null where the system does not tell (then there is no witness). One that saw too little to decide holds and rules out nothing.</param>
    /// <param name="hint">The mistake when the work did not run in parallel.</param>
    /// <param name="filesBytes">The size of the files the call must read, if it reads files.</param>
    /// <returns>The witness, or null.</returns>
    public static Witness? Of(Concurrency? concurrency, Hint hint, long filesBytes = 0)
    {
        if (concurrency is null)
        {
            return null;
        }

        var bySpread = new Witness(
            !concurrency.Decisive || concurrency.Parallel,
            "work spread over threads",
            $"witness: {concurrency}",
            $"work spread over threads: all threads together running at least {Thresholds.Witness.ParallelSpread} x the CPU time of the busiest one, for at least {Thresholds.Witness.ParallelShare * 100:0}% of the call (work done one piece after another runs on one thread at a time, on however many threads)",
            hint,
            concurrency.Decisive);
        if (!bySpread.Holds || filesBytes <= 0 || concurrency.Reads is not { } reads)
        {
            return bySpread;
        }

        var seen = $"{bySpread.Seen}; {FileReads.Format(reads.Total)} read from files (the files hold {FileReads.Format(filesBytes)}), "
            + (reads.Threads == 0 ? "by no thread" : $"by {Feedback.Count(reads.Threads, "thread")}, the busiest {reads.BusiestShare * 100:0}% of it");
        var oneReader = reads.Total >= filesBytes * Thresholds.Witness.ReadsSeen && reads.BusiestShare > Thresholds.Witness.OneReaderShare;
        return oneReader
            ? new(
                false,
                "files read by two or more threads",
                seen,
                $"files read by two or more threads: no thread reading more than {Thresholds.Witness.OneReaderShare * 100:0}% of the bytes (files read one after another are read by one thread at a time; a thread that only keeps a CPU busy beside it reads nothing)",
                hint)
            : bySpread with { Seen = seen };
    }

    /// <summary>
    /// Whether a speed-up's one-worker run computed on one thread at a time: its CPU time within its wall
    /// time (<see cref="Thresholds.SpeedUp.OneWorkerCpuRatio"/>). One that ran several workers at once
    /// ignored the number it was given, and a speed-up over it measures nothing.
    /// </summary>
    /// <param name="baseline">The one-worker run.</param>
    /// <param name="call">The one-worker call, for the message.</param>
    /// <returns>A witness that fails the check, or null where the run kept to one worker.</returns>
    public static Witness? OneWorker(Measurement baseline, string call)
    {
        if (baseline.Wall <= TimeSpan.Zero || baseline.Cpu <= baseline.Wall * Thresholds.SpeedUp.OneWorkerCpuRatio)
        {
            return null;
        }

        return new(
            false,
            "single worker in the one-worker run",
            $"the one-worker run cost {Durations.Format(baseline.Cpu)} of CPU time in {Durations.Format(baseline.Wall)} of wall time: {baseline.Cpu / baseline.Wall:0.0} threads computing at once",
            $"a single worker: {call} computes on one thread at a time, so its CPU time stays within its wall time (at most {Thresholds.SpeedUp.OneWorkerCpuRatio} x, for the runtime's own threads); it is the baseline the speed-up is measured against",
            Hints.WorkersIgnored);
    }

    /// <summary>How many of the grader's tasks were in flight at once, against the number a correct solution keeps in flight.</summary>
    /// <param name="most">The most seen in flight at once.</param>
    /// <param name="expected">The number expected at once.</param>
    /// <param name="tasks">What the tasks are, for the message.</param>
    /// <param name="hint">The mistake when fewer were in flight.</param>
    /// <returns>The witness.</returns>
    public static Witness InFlight(int most, int expected, string tasks, Hint hint) =>
        new(
            most >= expected,
            "tasks in flight together",
            $"witness: at most {most} of the {tasks} in flight at once",
            $"tasks in flight together: {expected} of the {tasks} at once, whatever the CPU count",
            hint);
}

/// <summary>
/// Whether a speed-up check's sequential baseline is the work it stands for. It may not be in two ways.
/// Slowed on purpose: code that does more than the work when it runs sequentially, so that its CPU time
/// is far above the parallel run's, which does the same work. That comparison tells only on a quiet
/// machine: beside other processes, one thread has cost 1.56 x the CPU time of two doing the same count
/// (the reference's E13 beside a busy core). Slowed by the machine: the same work costs more CPU time
/// beside other processes or on a machine that slows a thread now and then, and only ever more, so a
/// sequential run dearer than the least seen inflates the speed-up measured against it. Each run's
/// least CPU time over the check's attempts so far stands for its work: each attempt judges with every
/// attempt before it, and the last judges with them all. The parallel run's CPU time leaves out the
/// witness's sampler. An attempt is undecided (it cannot pass, and the next attempt brings more runs to
/// judge by) between a fair ratio and an unfair one, where other processes keep an unfair ratio from
/// telling, and where only this attempt's slowed sequential run lets the parallel run within its limit.
/// CPU time beyond a sequential run's wall time is the work of other threads than the one it computes
/// on, and it may be either: the thread pool's workers spinning beside it for work, which are not its
/// work (counted, a correct Parallel.ForEachAsync count's speed-up was undecided in 3 of 4 gradings), or
/// work added and run in parallel, which is (a one-worker count that first counts everything again with
/// two workers). So the baseline is fair by its CPU time counted up to its wall time
/// (<see cref="Measurement.OneThreadWork"/>, which the speed-up's limit is also measured against, so that
/// work added in parallel inflates it by no more than it lasts), and unfair only where it is over the fair
/// ratio counted so and over the unfair ratio counted whole; between the two it is undecided.
/// Done at all: each run must cost at least the least the work can cost (<see cref="WorkCost.Least"/>),
/// or it did not do the work (a result remembered from an earlier call costs next to nothing), and the
/// check fails: a speed-up over such runs says nothing. A witness that saw the parallel run not run in
/// parallel outranks the ratio: there is no speed-up for a baseline to inflate, and the machine alone
/// has moved the same single-threaded run's CPU time by 1.8 x between two attempts of one check (a
/// count of one file after another: 2.15 to 2.44 s, and once 1.22 s, in CI on 2026-12-06), as much as
/// a baseline that does its work twice. So a ratio over the unfair one fails the check only where no
/// attempt's own two runs compared as a fair baseline's do: where one did, the least of each came from
/// the machine at two speeds, and the attempt is undecided, which earns nothing either (a baseline that
/// does its work twice cost 1.5 x or more in most attempts, 1.01 x in one whose parallel run the machine
/// slowed side by side to 1.98 x the work).
/// </summary>
/// <param name="earlierBaseline">A run of the same baseline measured before the attempts (as the check sized its work), if any.</param>
/// <param name="work">What the work costs the grader itself, done plainly, if known.</param>
/// <param name="earlierParallel">A parallel run measured before the attempts (the check's warm-up), if any: one more run to take the least of.</param>
public sealed class BaselineFairness(Measurement? earlierBaseline = null, WorkCost? work = null, Measurement? earlierParallel = null)
{
    /// <summary>The words with which an attempt undecided by a sequential run that the machine slowed says so.</summary>
    public const string MachineSlowedTheSequentialRun = "the machine slowed this attempt's sequential run";

    /// <summary>The words with which an attempt undecided by a machine whose speed changed between the runs says so.</summary>
    public const string MachineChangedSpeed = "the machine's speed changed between the runs";

    private TimeSpan baseline = earlierBaseline?.OneThreadWork ?? TimeSpan.MaxValue;
    private TimeSpan baselineWhole = earlierBaseline?.Cpu ?? TimeSpan.MaxValue;
    private TimeSpan parallel = earlierParallel?.Cpu ?? TimeSpan.MaxValue;
    private double fairestAttempt = double.MaxValue;
    private int runs;

    /// <summary>Judges one attempt's runs together with the attempts before it.</summary>
    /// <param name="baselineRun">The student's own sequential run.</param>
    /// <param name="parallelRun">The parallel run.</param>
    /// <param name="concurrency">What the witness of spread saw of the parallel run (its sampler's CPU time is left out), if anything.</param>
    /// <param name="spread">What that witness decided: where it saw the parallel run on one thread at a time, it outranks the ratio.</param>
    /// <param name="then">The witness to use when the baseline is fair, where it is not <paramref name="spread"/>.</param>
    /// <returns>The witness: a failed spread's, an unfair baseline's, an undecided one's, or <paramref name="then"/> (else <paramref name="spread"/>).</returns>
    public Witness? Judge(Measurement baselineRun, Measurement parallelRun, Concurrency? concurrency, Witness? spread, Witness? then = null)
    {
        var parallelCpu = parallelRun.Cpu - (concurrency?.Sampler ?? TimeSpan.Zero);
        if (work is not null && (baselineRun.Cpu < work.Least || parallelCpu < work.Least))
        {
            return new(
                false,
                "work done afresh",
                $"the sequential run cost {Durations.Format(baselineRun.Cpu)} of CPU time and the parallel run {Durations.Format(parallelCpu)}, where {work.What} cost {Durations.Format(work.Cpu)}",
                $"the work itself in each run: at least {Thresholds.SpeedUp.LeastWorkShare} x the CPU time of {work.What} (a leaner way of doing the same work is never that much cheaper; a result remembered from an earlier call costs next to nothing)",
                Hints.WorkSkipped,
                JudgesEveryAttempt: true);
        }

        baseline = Least(baseline, baselineRun.OneThreadWork);
        baselineWhole = Least(baselineWhole, baselineRun.Cpu);
        parallel = Least(parallel, parallelCpu);
        fairestAttempt = Math.Min(fairestAttempt, baselineRun.OneThreadWork / parallelCpu);
        runs++;
        var ratio = baseline / parallel;
        var wholeRatio = baselineWhole / parallel;
        var over = runs == 1 ? string.Empty : $" (each run's least over {runs} attempts)";
        var seen = $"the sequential run cost {Durations.Format(baseline)} of CPU time (counted up to its wall time: it computes on one thread at a time), {ratio:0.00} x the parallel run's {Durations.Format(parallel)}{over}"
            + (baselineWhole > baseline ? $"; counted whole, {Durations.Format(baselineWhole)}, {wholeRatio:0.00} x" : string.Empty);
        var expected = $"a fair baseline: the sequential run is the same work as the parallel one, so it costs about the same CPU time "
            + $"(at most {Thresholds.SpeedUp.FairBaselineCpuRatio} x the parallel run's, counted up to its wall time; over {Thresholds.SpeedUp.UnfairBaselineCpuRatio} x, counted whole, it did more than the work)";
        var unfair = ratio > Thresholds.SpeedUp.FairBaselineCpuRatio && wholeRatio > Thresholds.SpeedUp.UnfairBaselineCpuRatio;
        if (spread is { Holds: false })
        {
            return spread; // a parallel run that did not run in parallel has no speed-up for a baseline to inflate
        }

        var contended = Contended(baselineRun, parallelRun);
        var changedSpeed = fairestAttempt <= Thresholds.SpeedUp.FairBaselineCpuRatio
            ? $"{MachineChangedSpeed}: one attempt's own sequential run cost {fairestAttempt:0.00} x its parallel run's CPU time, as a fair baseline does, so the least of each may come from the machine at two speeds"
            : null;
        if (unfair && contended is null && changedSpeed is null)
        {
            return new(false, "fair baseline", seen, expected, Hints.UnfairBaseline, JudgesEveryAttempt: true);
        }

        then ??= spread;
        if (then is { Holds: false })
        {
            return then;
        }

        var undecided = unfair
            ? contended is null
                ? $"{seen}, but {changedSpeed}"
                : $"{seen}, but {contended}: beside them one thread can cost far more CPU time than several doing the same work, so the ratio cannot tell a baseline that does more than the work from one the machine slowed"
            : ratio > Thresholds.SpeedUp.FairBaselineCpuRatio
                ? $"{seen}: more than a fair baseline's {Thresholds.SpeedUp.FairBaselineCpuRatio} x, not the {Thresholds.SpeedUp.UnfairBaselineCpuRatio} x, counted whole, of one that does more than the work, so its speed-up may be inflated"
                : SlowedByTheMachine(baselineRun, parallelRun);
        return undecided is null
            ? then
            : new(true, "fair baseline", (then is null ? string.Empty : $"{then.Seen}; ") + seen, expected, Hints.UnfairBaseline, then?.Decisive ?? true, JudgesEveryAttempt: true, Undecided: undecided);
    }

    /// <summary>What other processes took where it keeps a sequential and a parallel run from comparing (<see cref="Thresholds.SpeedUp.ContendedShare"/>); null where neither run had such company.</summary>
    private static string? Contended(Measurement baselineRun, Measurement parallelRun)
    {
        foreach (var run in new[] { baselineRun, parallelRun })
        {
            if (run.Others > run.Cpu * Thresholds.SpeedUp.ContendedShare)
            {
                return $"other processes took {Durations.Format(run.Others)} of CPU time meanwhile";
            }
        }

        return null;
    }

    /// <summary>Why the parallel run may be within its limit only because the machine slowed this attempt's sequential run; null where it is not.</summary>
    private string? SlowedByTheMachine(Measurement baselineRun, Measurement parallelRun)
    {
        var leastLimit = TimingModel.SpeedUp(baseline, parallelRun, "least sequential run").Limit;
        return baselineRun.OneThreadWork > baseline && parallelRun.Wall > leastLimit
            ? $"{MachineSlowedTheSequentialRun}: it cost {Durations.Format(baselineRun.OneThreadWork)} of CPU time, where the least of {runs + (earlierBaseline is null ? 0 : 1)} sequential runs cost {Durations.Format(baseline)}; "
                + $"against that the limit would be {Durations.Format(leastLimit)}, and the parallel run took {Durations.Format(parallelRun.Wall)}: its speed-up may be the machine's doing"
            : null;
    }

    private static TimeSpan Least(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>
/// Runs the timing checks (the README's "Timing checks"): a check measures up to <see cref="Thresholds.Timing.Attempts"/>
/// times and passes on the first attempt within its limit (noise only ever slows a run down);
/// every attempt is reported. Where this machine cannot tell a correct solution from the mistake
/// the check looks for, the check is reported inconclusive with the reason, after one attempt.
/// </summary>
public static class Timing
{
    private static readonly Lock LogLock = new();

    private static readonly ConcurrentDictionary<string, TimedPicture> Pictures = new();

    /// <summary>Measures a call into student code against a fixed expectation.</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <param name="limit">What it should cost.</param>
    /// <param name="run">The call itself (not yet bounded: this method bounds it).</param>
    /// <param name="hint">The hint for a failure, from the best attempt.</param>
    /// <param name="verify">Fails the check where the run just measured did not do its work (every task run once, the results right): a run that skips work when it is timed earns nothing. None where the call does no work of the grader's.</param>
    /// <returns>The attempt that passed.</returns>
    public static TimedAttempt Require(string call, TimeLimit limit, Action run, Func<TimedAttempt, Hint> hint, Action? verify = null) =>
        Require(call, _ => limit, run, hint, verify);

    /// <summary>Measures a call into student code against an expectation that depends on the measurement (the CPU time other processes took).</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <param name="limitFor">What it should cost, given what was measured.</param>
    /// <param name="run">The call itself (not yet bounded: this method bounds it).</param>
    /// <param name="hint">The hint for a failure, from the best attempt.</param>
    /// <param name="verify">Fails the check where the run just measured did not do its work; see the overload above.</param>
    /// <returns>The attempt that passed.</returns>
    public static TimedAttempt Require(string call, Func<Measurement, TimeLimit> limitFor, Action run, Func<TimedAttempt, Hint> hint, Action? verify = null) =>
        Require(
            call,
            () =>
            {
                var (measurement, timeline) = MeasureTimeline(call, run);
                verify?.Invoke();
                return new TimedAttempt(measurement, limitFor(measurement)) { Timeline = timeline };
            },
            hint);

    /// <summary>How a failure found in a timed run names the call: "Pool.Map(items[8], work), in a timed run,".</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <returns>The call's name for the message.</returns>
    public static string InATimedRun(string call) => $"{call}, in a timed run,";

    /// <summary>Runs the call once, unmeasured, so that the timed attempts do not pay for compiling it.</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <param name="run">A small run of the code that the check will time.</param>
    public static void WarmUp(string call, Action run) => StudentCode.Call(call, run);

    /// <summary>The grader's waiting work for a map of the items 0 to n - 1: waits <paramref name="duration"/>, records the item's run, then returns its item.</summary>
    /// <param name="duration">t.</param>
    /// <param name="runs">Where its runs are recorded.</param>
    /// <returns>The work.</returns>
    public static Func<int, int> WaitingWork(TimeSpan duration, TaskRuns runs) => item =>
    {
        TimelineRecorder.Wait(duration);
        runs.Finished(item);
        return item;
    };

    /// <summary>A hint chooser: one hint where the measurement looks like the check's mistake, another where it is merely over.</summary>
    /// <param name="likeTheMistake">The hint when the measurement is nearer the mistake's cost than the limit.</param>
    /// <param name="otherwise">The hint when it is merely over the limit.</param>
    /// <returns>The chooser.</returns>
    public static Func<TimedAttempt, Hint> HintBy(Hint likeTheMistake, Hint otherwise) =>
        attempt => attempt.Limit.LooksLikeTheMistake(attempt.Measurement) ? likeTheMistake : otherwise;

    /// <summary>Measures a call into student code whose expectation comes with each attempt (a speed-up over a baseline).</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <param name="attempt">One attempt: measures and says what it expected.</param>
    /// <param name="hint">The hint for a failure, from the best attempt.</param>
    /// <returns>The attempt that passed.</returns>
    public static TimedAttempt Require(string call, Func<TimedAttempt> attempt, Func<TimedAttempt, Hint> hint)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(hint);
        var attempts = new List<TimedAttempt>();
        var progress = new List<string>(); // printed for a check that passes; a failure's message lists every attempt itself
        for (var number = 1; number <= Thresholds.Timing.Attempts; number++)
        {
            var measured = attempt();
            attempts.Add(measured);
            var limit = measured.Limit;
            // The witness decides "in parallel or not"; wall time judges efficiency, where this machine can tell.
            var witnessed = measured.Witness?.Holds != false;
            var passed = witnessed && Decides(measured) && limit.Holds(measured.Measurement);
            var verdict = !witnessed ? $" - no {measured.Witness!.Decides}"
                : !Decides(measured) ? " - undecided" : passed ? string.Empty : " - over the limit";
            progress.Add($"Attempt {number} of {Thresholds.Timing.Attempts}: {measured}{verdict}");
            Log(call, number, measured, passed);
            if (passed)
            {
                Picture(measured, number);
                TestContext.Out.WriteLine(string.Join(Environment.NewLine, progress));
                return measured;
            }

            if (witnessed && !limit.ConclusiveWhenQuiet)
            {
                break; // this machine cannot judge the wall time, however often it measures
            }
        }

        var allAttempts = string.Join(Environment.NewLine + "            ", attempts.Select((a, i) => $"attempt {i + 1}: {a}"));
        if (attempts[^1].Witness is { Holds: false, JudgesEveryAttempt: true } || attempts.All(a => a.Witness?.Holds == false))
        {
            var witness = attempts[^1].Witness!;
            Feedback.Fail(
                $"{call}: no {witness.Decides} in {Attempts(attempts.Count, "attempt")} (a witness that the machine's load cannot change).",
                allAttempts + Picture(attempts[^1], attempts.Count),
                witness.Expected,
                witness.Hint);
        }

        var conclusive = attempts.Where(a => Decides(a) && a.Witness?.Holds != false).ToList();
        if (conclusive.Count == 0)
        {
            Picture(attempts[^1], attempts.Count);
            var witnessSaw = attempts.Any(a => a.Witness?.RulesOutTheMistake == true) ? " Its witness saw the work run in parallel: only its efficiency is undecided." : string.Empty;
            var last = attempts[^1];
            throw GraderVerdicts.Inconclusive(
                $"{call}: undecided on this machine: {attempts.Select(WhyUndecided).LastOrDefault(why => why is not null) ?? last.Limit.InconclusiveReason}.{witnessSaw}{Environment.NewLine}"
                + $"  Measured: {string.Join(Environment.NewLine + "            ", attempts)}{Environment.NewLine}"
                + "  An undecided check earns no points: the grade command measures it again at the end of its run, "
                + "and grading the exercise again on a quieter machine (grade --exercise) can decide it.");
        }

        var best = conclusive.MinBy(a => a.Limit.Of(a.Measurement) - a.Limit.Limit)!;
        var bestLimit = best.Limit;
        var under = bestLimit.Floor is { } floor && bestLimit.Of(best.Measurement) < floor;
        Feedback.Fail(
            $"{call} {(under ? "cost too little" : "took too long")}: its {bestLimit.Name} was {(under ? "below" : "above")} the limit in {Attempts(conclusive.Count, "conclusive attempt")}.",
            allAttempts + Picture(best, attempts.IndexOf(best) + 1),
            bestLimit.Describe(),
            MostCommonHint(conclusive, best, hint));
        return best;
    }

    /// <summary>
    /// Whether an attempt's measurement decides the check here: the machine can tell the mistake from a
    /// correct run, its load does not explain the time over the limit, and a time within the limit
    /// does not rest on a witness that could not decide.
    /// </summary>
    private static bool Decides(TimedAttempt attempt) => WhyUndecided(attempt) is null;

    /// <summary>Why an attempt's measurement cannot decide the check (<see cref="Decides"/>); null where it can.</summary>
    private static string? WhyUndecided(TimedAttempt attempt) =>
        !attempt.Limit.IsConclusive ? attempt.Limit.InconclusiveReason
        : attempt.Limit.LoadExplains(attempt.Measurement) is { } load ? load
        : attempt.Witness?.Undecided is { } witness && attempt.Limit.Holds(attempt.Measurement) ? witness
        : null;

    /// <summary>
    /// The hint most of the conclusive attempts point to (ties go to the best attempt's): one attempt
    /// near a threshold between two mistakes must not decide which one the student reads about.
    /// </summary>
    private static Hint MostCommonHint(IReadOnlyList<TimedAttempt> attempts, TimedAttempt best, Func<TimedAttempt, Hint> hint)
    {
        var bestHint = hint(best);
        return attempts.Select(hint).GroupBy(h => h).OrderByDescending(g => g.Count()).ThenBy(g => g.Key == bestHint ? 0 : 1).First().Key;
    }

    /// <summary>
    /// Keeps the deciding attempt's timeline for the check's result (the grading host sends it on, for
    /// the HTML report), and gives it as text for a message, under the attempts; nothing where it has none.
    /// </summary>
    private static string Picture(TimedAttempt attempt, int number)
    {
        if (attempt.Timeline is not { } timeline)
        {
            return string.Empty;
        }

        var picture = new TimedPicture(number, timeline, attempt.Limit.Schedule);
        Pictures[TestContext.CurrentContext.Test.FullName] = picture;
        const string indent = "            ";
        var lines = picture.Draw();
        return lines.Count == 0 ? string.Empty : Environment.NewLine + indent + string.Join(Environment.NewLine + indent, lines);
    }

    /// <summary>Takes the picture that a timing check kept of its deciding attempt (<see cref="Picture"/>), once.</summary>
    /// <param name="test">The check's full name, as NUnit gives it.</param>
    /// <returns>The picture; null where the check kept none.</returns>
    public static TimedPicture? TakePicture(string test) => Pictures.TryRemove(test, out var picture) ? picture : null;

    private static string Attempts(int count, string what) => count == 1 ? $"its one {what}" : $"all {count} {what}s";

    /// <summary>What <c>Thread.Sleep(duration)</c> really takes here (timer resolution differs: about 1 ms on Linux, 15.6 ms on Windows).</summary>
    /// <param name="duration">The duration asked for.</param>
    /// <returns>
    /// The shortest of a few sleeps: a busy machine only ever lengthens a sleep (the median of five
    /// sleeps of 5 ms was 8 ms during a build, which made E10's model expect slower writes than the
    /// run then had).
    /// </returns>
    public static TimeSpan SleepCost(TimeSpan duration) =>
        Enumerable.Range(0, 5).Select(_ => Measurement.Of(() => Thread.Sleep(duration)).Wall).Min();

    /// <summary>Measures one bounded call into student code.</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <param name="run">The call itself.</param>
    /// <returns>Its cost.</returns>
    public static Measurement Measure(string call, Action run)
    {
        Settle();
        return Measurement.Of(() => StudentCode.Call(call, run));
    }

    /// <summary>Measures one bounded call into student code, and records the grader's tasks meanwhile (<see cref="Timeline"/>).</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <param name="run">The call itself.</param>
    /// <returns>Its cost, and the picture of its run.</returns>
    public static (Measurement Measurement, Timeline Timeline) MeasureTimeline(string call, Action run)
    {
        Timeline? timeline = null;
        var measurement = Measure(call, () => timeline = TimelineRecorder.Record(run));
        return (measurement, timeline!);
    }

    /// <summary>Measures one bounded call into student code, and how its CPU time spread over its threads (<see cref="Concurrency"/>).</summary>
    /// <param name="call">The call, as the student wrote it.</param>
    /// <param name="run">The call itself.</param>
    /// <returns>Its cost, and its concurrency where the system tells.</returns>
    public static (Measurement Measurement, Concurrency? Concurrency) MeasureConcurrency(string call, Action run)
    {
        Settle();
        Concurrency? concurrency = null;
        var measurement = Measurement.Of(() => concurrency = Concurrency.Of(() => StudentCode.Call(call, run)));
        return (measurement, concurrency);
    }

    /// <summary>
    /// Lets the process fall quiet before a measurement: garbage left by earlier checks is collected
    /// now, and the test host's reporting of the previous check (measured at 10 to 30 ms of CPU time
    /// right after it) ends before the clock starts.
    /// </summary>
    private static void Settle()
    {
        GradingSession.RunFinalizers();
        for (var window = 0; window < Thresholds.Settling.Windows; window++)
        {
            if (Measurement.Of(() => Thread.Sleep(Thresholds.Settling.Window)).Cpu < Thresholds.Settling.QuietCpu)
            {
                return;
            }
        }
    }

    private static void Log(string call, int number, TimedAttempt attempt, bool passed)
    {
        var file = TestContext.Parameters.Get(RunParameters.TimingLog);
        if (file is null)
        {
            return;
        }

        var limit = attempt.Limit;
        var line = JsonSerializer.Serialize(new
        {
            check = TestContext.CurrentContext.Test.FullName,
            call,
            attempt = number,
            quantity = limit.Name,
            processors = TimingModel.Processors,
            tasks = limit.Work?.Tasks,
            taskMs = limit.Work?.Duration.TotalMilliseconds,
            workers = limit.Work?.Workers,
            idealMs = limit.Ideal.TotalMilliseconds,
            limitMs = limit.Limit.TotalMilliseconds,
            floorMs = limit.Floor?.TotalMilliseconds,
            mistake = limit.Mistake,
            mistakeMs = limit.MistakeCost?.TotalMilliseconds,
            conclusive = Decides(attempt),
            measuredMs = limit.Of(attempt.Measurement).TotalMilliseconds,
            wallMs = attempt.Measurement.Wall.TotalMilliseconds,
            cpuMs = attempt.Measurement.Cpu.TotalMilliseconds,
            othersMs = attempt.Measurement.Others.TotalMilliseconds,
            stalledMs = attempt.Measurement.Stalled?.TotalMilliseconds,
            gcPausesMs = attempt.Measurement.GcPauses.TotalMilliseconds,
            baselineMs = attempt.Baseline?.Wall.TotalMilliseconds,
            baselineCpuMs = attempt.Baseline?.Cpu.TotalMilliseconds,
            witness = attempt.Witness?.Seen,
            witnessHolds = attempt.Witness?.Holds,
            passed,
        });
        lock (LogLock)
        {
            File.AppendAllLines(file, [line]);
        }
    }
}
