using GradingKit.Contracts;

namespace GradingKit.Tests;

/// <summary>The timing model's arithmetic, the conclusive rule and the reports; nothing here is timed.</summary>
[TestFixture]
public sealed class TheMeasurementEngine
{
    private static readonly TimeSpan Ms100 = TimeSpan.FromMilliseconds(100);

    [Test]
    public void Limit_is_the_ideal_with_slack_and_overhead()
    {
        var ideal = TimeSpan.FromMilliseconds(800);

        TimingModel.Limit(ideal).ShouldBe((ideal * (1 + Thresholds.Timing.Slack)) + Thresholds.Timing.Overhead);
    }

    [Test]
    public void A_speed_up_has_its_own_slack_and_no_speed_up_stays_conclusive_at_two_processors()
    {
        var baseline = new Measurement(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500), TimeSpan.Zero);
        var parallel = new Measurement(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(520), TimeSpan.Zero);

        var limit = TimingModel.SpeedUp(baseline.Cpu, parallel, "one-worker run");

        limit.Slack.ShouldBe(Thresholds.SpeedUp.Slack);
        limit.Limit.ShouldBe(TimingModel.Limit(baseline.Cpu / TimingModel.Processors, Thresholds.SpeedUp.Slack));
        limit.Describe().ShouldContain($"x (1 + {Thresholds.SpeedUp.Slack:0.##})");
        Thresholds.SpeedUp.Slack.ShouldBeLessThan(1.0 / 3, "at P = 2, no speed-up at all would not be 1.5 x the limit");
        if (TimingModel.Processors == 2)
        {
            limit.IsConclusive.ShouldBeTrue($"no speed-up ({baseline.Cpu}) against a limit of {limit.Limit}");
        }
    }

    [Test]
    public void A_baseline_is_fair_undecided_or_unfair_by_each_runs_least_CPU_time()
    {
        var fair = new BaselineFairness(earlierBaseline: Cpu(1000));
        fair.Judge(Cpu(2000), Cpu(1000) with { Wall = Ms100 }, null, null).ShouldBeNull("a slow baseline once, beside a fast one, is the same work");

        var fairness = new BaselineFairness();
        var undecided = fairness.Judge(Cpu(1400), Cpu(1000), null, null).ShouldNotBeNull();
        undecided.Holds.ShouldBeTrue();
        undecided.Undecided.ShouldNotBeNull().ShouldContain("1.40 x the parallel run's 1.00 s");

        var unfair = fairness.Judge(Cpu(1600), Cpu(900), null, null).ShouldNotBeNull();
        unfair.Holds.ShouldBeFalse();
        unfair.Seen.ShouldContain("1.56 x the parallel run's 900 ms (each run's least over 2 attempts)");
        unfair.Hint.ShouldBe(Hints.UnfairBaseline);
    }

    [Test]
    public void A_sequential_runs_CPU_time_counts_up_to_its_wall_time()
    {
        // 2026-12-06, a one-worker Parallel.ForEachAsync count: the thread pool's idle workers spun beside its one worker.
        var spun = new Measurement(TimeSpan.FromMilliseconds(1320), TimeSpan.FromMilliseconds(1510), TimeSpan.Zero);
        spun.OneThreadWork.ShouldBe(TimeSpan.FromMilliseconds(1320));
        Cpu(1000).OneThreadWork.ShouldBe(TimeSpan.FromMilliseconds(1000));
        (Cpu(1000) with { Wall = TimeSpan.FromMilliseconds(1500) }).OneThreadWork.ShouldBe(TimeSpan.FromMilliseconds(1000), "waiting is no work");

        new BaselineFairness().Judge(spun, Cpu(1270), null, null).ShouldBeNull("1.04 x the parallel run's CPU time: a fair baseline");
        new BaselineFairness().Judge(Cpu(1510), Cpu(1270), null, null).ShouldNotBeNull().Undecided.ShouldNotBeNull("1.19 x, were the spinning counted");
        var twice = new Measurement(TimeSpan.FromMilliseconds(2640), TimeSpan.FromMilliseconds(2800), TimeSpan.Zero);
        new BaselineFairness().Judge(twice, Cpu(1270), null, null).ShouldNotBeNull().Hint.ShouldBe(Hints.UnfairBaseline, "a baseline that does its work twice lasts twice as long");
    }

    [Test]
    public void A_sequential_run_that_adds_work_run_in_parallel_is_unfair_by_its_whole_CPU_time()
    {
        // CI, 2026-12-07: a one-worker count that first counted everything again with two workers (Wrong.SandbaggedBaseline).
        var addedInParallel = new Measurement(TimeSpan.FromMilliseconds(948), TimeSpan.FromMilliseconds(1240), TimeSpan.Zero);

        var unfair = new BaselineFairness().Judge(addedInParallel, Cpu(667), null, null).ShouldNotBeNull();

        unfair.Holds.ShouldBeFalse("1.42 x counted up to its wall time, over a fair baseline's; 1.86 x counted whole, over an unfair one's");
        unfair.Hint.ShouldBe(Hints.UnfairBaseline);
        unfair.Seen.ShouldEndWith("1.42 x the parallel run's 667 ms; counted whole, 1.24 s, 1.86 x");
        var spunHard = new Measurement(TimeSpan.FromMilliseconds(1300), TimeSpan.FromMilliseconds(2000), TimeSpan.Zero);
        new BaselineFairness().Judge(spunHard, Cpu(1270), null, null).ShouldBeNull("fair counted up to its wall time, against which the limit is measured too, however much its other threads cost");
        new BaselineFairness().Judge(addedInParallel, Cpu(850), null, null).ShouldNotBeNull().Undecided.ShouldNotBeNull("1.12 x counted up to its wall time, 1.46 x whole: more than fair, and not shown unfair");
    }

    [Test]
    public void A_parallel_run_that_did_not_run_in_parallel_fails_on_its_witness_whatever_the_baseline_cost()
    {
        // CI, 2026-12-06: one file after another cost 2.15 s as the sequential run and 1.22 s as the parallel one, the machine's doing.
        var oneAfterAnother = new Concurrency(TimeSpan.FromMilliseconds(2330), TimeSpan.FromMilliseconds(23), 108, 1.0);
        var spread = Witness.Of(oneAfterAnother, Hints.NoSpeedUp).ShouldNotBeNull();
        spread.Holds.ShouldBeFalse();
        var fairness = new BaselineFairness();

        var judged = fairness.Judge(Cpu(2150), Cpu(1220), oneAfterAnother, spread).ShouldNotBeNull();

        judged.ShouldBeSameAs(spread, "a run on one thread at a time has no speed-up for a baseline to inflate");
        judged.Hint.ShouldBe(Hints.NoSpeedUp);
        fairness.Judge(Cpu(2150), Cpu(1220), null, null).ShouldNotBeNull().Hint.ShouldBe(Hints.UnfairBaseline, "without a witness the ratio still decides");
    }

    [Test]
    public void A_parallel_run_measured_before_the_attempts_is_one_more_run_to_take_the_least_of()
    {
        // 2026-12-06: a baseline doing its work twice passed E12 at its first attempt, 765 ms against a parallel run of 755 ms slowed side by side.
        var warmUp = Cpu(500);

        var judged = new BaselineFairness(earlierParallel: warmUp).Judge(Cpu(765), Cpu(755), null, null).ShouldNotBeNull();

        judged.Seen.ShouldContain("1.53 x the parallel run's 500 ms");
        judged.Undecided.ShouldNotBeNull("the attempt's own runs compare as a fair baseline's do: undecided, never passed").ShouldContain(BaselineFairness.MachineChangedSpeed);
        new BaselineFairness().Judge(Cpu(765), Cpu(755), null, null).ShouldBeNull("one parallel run alone, slowed side by side, shows that baseline fair");
    }

    [Test]
    public void A_baseline_is_not_shown_unfair_by_runs_of_a_machine_whose_speed_changed_between_them()
    {
        // CI, 2026-12-06: the same single-threaded count cost 2.25 s and 2.46 s in one attempt, then 2.15 s and 1.22 s.
        var fairness = new BaselineFairness();
        fairness.Judge(Cpu(2250), Cpu(2460), null, null).ShouldBeNull();

        var undecided = fairness.Judge(Cpu(2150), Cpu(1220), null, null).ShouldNotBeNull();

        undecided.Holds.ShouldBeTrue("one attempt's own runs compared as a fair baseline's do");
        undecided.Undecided.ShouldNotBeNull().ShouldContain($"1.76 x the parallel run's 1.22 s (each run's least over 2 attempts), but {BaselineFairness.MachineChangedSpeed}: one attempt's own sequential run cost 0.91 x");
        var twice = new BaselineFairness();
        twice.Judge(Cpu(2000), Cpu(1000), null, null).ShouldNotBeNull().Holds.ShouldBeFalse();
        twice.Judge(Cpu(2100), Cpu(1300), null, null).ShouldNotBeNull().Hint.ShouldBe(Hints.UnfairBaseline, "a baseline that does its work twice, slowed alike in both runs");
    }

    [Test]
    public void A_baseline_is_not_shown_unfair_by_a_parallel_run_beside_busy_other_processes()
    {
        var busy = TimeSpan.FromMilliseconds(1200);
        var fairness = new BaselineFairness();

        var undecided = fairness.Judge(Cpu(1200) with { Others = busy }, Cpu(770) with { Others = busy }, null, null).ShouldNotBeNull();

        undecided.Holds.ShouldBeTrue("beside other processes, one thread can cost 1.56 x the CPU time of two doing the same work");
        undecided.Undecided.ShouldNotBeNull().ShouldContain("other processes took 1.20 s of CPU time meanwhile");
        fairness.Judge(Cpu(1200), Cpu(770), null, null).ShouldNotBeNull().Holds.ShouldBeFalse("on a quiet machine the same ratio shows a baseline that did more than the work");
    }

    [Test]
    public void Files_read_by_one_thread_fail_the_witness_however_busy_the_threads_beside_it()
    {
        var spread = new Concurrency(TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(800), 24, 2.0);
        const long files = 36_000_000;

        var spinner = Witness.Of(spread with { Reads = new FileReads(35_200_000, 35_190_000, 3) }, Hints.NoSpeedUp, files).ShouldNotBeNull();
        var workers = Witness.Of(spread with { Reads = new FileReads(36_000_000, 18_100_000, 2) }, Hints.NoSpeedUp, files).ShouldNotBeNull();
        var unseen = Witness.Of(spread with { Reads = new FileReads(1_000_000, 1_000_000, 1) }, Hints.NoSpeedUp, files).ShouldNotBeNull();

        spinner.Holds.ShouldBeFalse("two busy threads, one of them reading every file");
        spinner.Decides.ShouldBe("files read by two or more threads");
        spinner.Seen.ShouldEndWith("35.2 MB read from files (the files hold 36.0 MB), by 3 threads, the busiest 100% of it");
        workers.Holds.ShouldBeTrue();
        workers.RulesOutTheMistake.ShouldBeTrue();
        unseen.Holds.ShouldBeTrue("too little of the reading seen to judge it (threads that ended take their counts with them)");
        Witness.Of(spread, Hints.NoSpeedUp, files).ShouldNotBeNull().Holds.ShouldBeTrue("where the system does not count what threads read, the spread of CPU time alone judges");
    }

    [Test]
    public void Runs_that_cost_less_than_the_least_the_work_can_cost_did_not_do_it()
    {
        var work = new WorkCost(TimeSpan.FromMilliseconds(1000), "the grader's own plain recursion of F(40)");
        var fairness = new BaselineFairness(work: work);

        var remembered = fairness.Judge(Cpu(3), Cpu(2), null, null).ShouldNotBeNull();

        remembered.Holds.ShouldBeFalse();
        remembered.JudgesEveryAttempt.ShouldBeTrue("an attempt that does the work may still pass after one that did not");
        remembered.Hint.ShouldBe(Hints.WorkSkipped);
        remembered.Seen.ShouldBe("the sequential run cost 3 ms of CPU time and the parallel run 2 ms, where the grader's own plain recursion of F(40) cost 1.00 s");
        fairness.Judge(Cpu(1200), Cpu(50), null, null).ShouldNotBeNull().Hint.ShouldBe(Hints.WorkSkipped, "a parallel run that skipped the work");
        fairness.Judge(Cpu(50), Cpu(1200), null, null).ShouldNotBeNull().Hint.ShouldBe(Hints.WorkSkipped, "a sequential run that skipped the work");
        fairness.Judge(Cpu((int)work.Least.TotalMilliseconds), Cpu((int)work.Least.TotalMilliseconds), null, null).ShouldBeNull("a run much leaner than the grader's still did the work");
    }

    [Test]
    public void A_parallel_run_within_its_limit_only_against_a_sequential_run_the_machine_slowed_is_undecided()
    {
        var fairness = new BaselineFairness(earlierBaseline: Cpu(1000));
        var leastLimit = TimingModel.SpeedUp(TimeSpan.FromMilliseconds(1000), Cpu(1000), "one-worker run").Limit;
        var slowedBaseline = Cpu(1200);
        var parallel = new Measurement(leastLimit + TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1000), TimeSpan.Zero);
        TimingModel.SpeedUp(slowedBaseline.Cpu, parallel, "one-worker run").Holds(parallel).ShouldBeTrue("within the limit of this attempt's own sequential run");

        var undecided = fairness.Judge(slowedBaseline, parallel, null, null).ShouldNotBeNull();

        undecided.Holds.ShouldBeTrue();
        undecided.Undecided.ShouldNotBeNull().ShouldContain($"{BaselineFairness.MachineSlowedTheSequentialRun}: it cost 1.20 s of CPU time, where the least of 2 sequential runs cost 1.00 s");
        fairness.Judge(Cpu(1000), parallel with { Wall = leastLimit }, null, null).ShouldBeNull("within the limit of the least sequential run");
    }

    [Test]
    public void A_speed_up_within_its_limit_is_never_passed_on_an_undecided_baseline()
    {
        var baseline = Cpu(1400);
        var parallel = new Measurement(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000), TimeSpan.Zero);
        var limit = TimingModel.SpeedUp(baseline.Cpu, parallel, "sequential run ParallelRecursive(40, 40)");
        limit.Holds(parallel).ShouldBeTrue();
        var fairness = new BaselineFairness();

        var undecided = Should.Throw<InconclusiveException>(() => Timing.Require(
            "Fibonacci.ParallelRecursive(40, 30)",
            () => new TimedAttempt(parallel, limit, baseline, fairness.Judge(baseline, parallel, null, null)),
            _ => Hints.NotParallel));

        if (limit.IsConclusive)
        {
            undecided.Message.ShouldContain("undecided on this machine: the sequential run cost 1.40 s of CPU time (counted up to its wall time: it computes on one thread at a time), 1.40 x the parallel run's 1.00 s (each run's least over 3 attempts)");
        }
    }

    [Test]
    public void A_one_worker_run_that_computed_on_several_threads_at_once_fails_the_speed_up_measured_over_it()
    {
        var wall = TimeSpan.FromMilliseconds(1000);
        const string Call = "NumberCounter.CountOccurrences([8 files], 1)";

        var ignored = Witness.OneWorker(new Measurement(wall, wall * 1.75, TimeSpan.Zero), Call).ShouldNotBeNull("Parallel.ForEach without MaxDegreeOfParallelism, on two CPUs");
        ignored.Holds.ShouldBeFalse();
        ignored.Hint.ShouldBe(Hints.WorkersIgnored);
        ignored.Seen.ShouldContain("1.8 threads computing at once");
        ignored.Expected.ShouldContain(Call);
        Witness.OneWorker(new Measurement(wall, wall * 1.13, TimeSpan.Zero), Call).ShouldBeNull("files read whole: the background collector beside one worker");
        Witness.OneWorker(new Measurement(wall, wall, TimeSpan.Zero), Call).ShouldBeNull("one thread at a time");
        Witness.OneWorker(new Measurement(wall * 2, wall * 1.75, TimeSpan.Zero), Call).ShouldBeNull("load only lengthens the wall time: the witness may miss the mistake, never invent it");
    }

    [Test]
    public void A_speed_up_over_its_limit_is_undecided_only_where_the_machines_slowing_of_parallel_threads_explains_it()
    {
        var sequential = Cpu(1000);
        var slowedCpu = TimeSpan.FromMilliseconds(1200);
        var ownLimit = TimingModel.Limit(slowedCpu / TimingModel.Processors, Thresholds.SpeedUp.Slack);
        var slowed = new Measurement(ownLimit, slowedCpu, TimeSpan.Zero);
        var limit = TimingModel.SpeedUp(sequential.Cpu, slowed, "one-worker run");

        limit.Holds(slowed).ShouldBeFalse();
        limit.LoadExplains(slowed).ShouldNotBeNull().ShouldContain($"1.20 x the CPU time of the sequential one, no more than {TimeLimit.MachineSlowsThreadsSideBySide} explains");
        limit.LoadExplains(slowed).ShouldNotBeNull().ShouldContain("look for work that only the parallel run does", Case.Sensitive, "the same ratio is a solution's own overhead where it stays: the student learns where to look");
        limit.LoadExplains(slowed with { Wall = ownLimit + TimeSpan.FromMilliseconds(1) }).ShouldBeNull("spread worse than its own CPU time allows: the time over is the solution's");
        limit.LoadExplains(slowed with { User = sequential.Cpu * (Thresholds.SpeedUp.SlowedSideBySideCpuRatio + 0.05) }).ShouldBeNull("more CPU time than the machine's slowing explains is work fought over");
        limit.LoadExplains(slowed with { Wall = limit.Limit }).ShouldBeNull("within the limit there is nothing to explain");
        limit.LoadExplains(slowed with { GcPauses = ownLimit / 7 }).ShouldNotBeNull("the reference's own garbage collection has paused its parallel runs for 13 to 15% of their wall time");
        var paused = TimeSpan.FromMilliseconds(120);
        var pausedLimit = TimingModel.Limit(((slowedCpu - paused) / TimingModel.Processors) + paused, Thresholds.SpeedUp.Slack);
        limit.LoadExplains(slowed with { Wall = pausedLimit, GcPauses = paused }).ShouldNotBeNull("the collector's pauses ran on one thread while every other waited")
            .ShouldContain("shared by P but for the 120 ms the garbage collector stopped every thread");
        limit.LoadExplains(slowed with { Wall = pausedLimit + TimeSpan.FromMilliseconds(1), GcPauses = paused }).ShouldBeNull("spread worse than its own CPU time allows, its pauses counted once");
        limit.LoadExplains(slowed with { GcPauses = ownLimit * (Thresholds.Timing.GcBoundShare + 0.01) }).ShouldBeNull("a run its own collections bound lost its speed-up to its allocation");
        TimingModel.WallTime(Ms100 * 5, "computing", Ms100 * 10, "one after another").LoadExplains(slowed).ShouldBeNull("only a speed-up has a sequential run to compare with");

        if (limit.IsConclusive)
        {
            var undecided = Should.Throw<InconclusiveException>(() => Timing.Require(
                "NumberCounter.CountOccurrences([140 files], 2)",
                () => new TimedAttempt(slowed, limit, sequential),
                _ => Hints.NoSpeedUp));
            undecided.Message.ShouldContain(TimeLimit.MachineSlowsThreadsSideBySide);
        }
    }

    [Test]
    public void Waiting_work_on_one_thread_per_task_is_conclusive_on_one_processor()
    {
        var limit = TimingModel.WallTime(10, Ms100, 10, WorkKind.Waiting);

        limit.Ideal.ShouldBe(Ms100);
        limit.MistakeCost.ShouldBe(Ms100 * 10);
        limit.IsConclusive.ShouldBeTrue();
    }

    [Test]
    public void Computing_work_names_other_processes_and_counts_their_share()
    {
        var others = TimeSpan.FromMilliseconds(300);
        var quiet = TimingModel.WallTime(4 * TimingModel.Processors, Ms100, 4 * TimingModel.Processors, WorkKind.Computing);
        var contended = TimingModel.WallTime(4 * TimingModel.Processors, Ms100, 4 * TimingModel.Processors, WorkKind.Computing, others);

        contended.Ideal.ShouldBe(quiet.Ideal + (others / TimingModel.Processors));
        contended.QuietIdeal.ShouldBe(quiet.Ideal);
        contended.Model.ShouldContain("300 ms that other processes took");
        contended.Contended.ShouldBeTrue();
    }

    [Test]
    public void A_check_is_inconclusive_where_the_mistake_costs_less_than_one_and_a_half_limits()
    {
        var limit = TimingModel.WallTime(Ms100 * 10, "ten rounds", Ms100 * 12, "running the tasks one after another");

        limit.IsConclusive.ShouldBeFalse();
        limit.ConclusiveWhenQuiet.ShouldBeFalse();
        limit.InconclusiveReason.ShouldContain("running the tasks one after another would take 1.20 s");
        limit.InconclusiveReason.ShouldContain("cannot be told apart");
    }

    [Test]
    public void A_busy_machine_explains_waiting_work_over_its_limit_only_by_as_much_as_threads_waited_for_a_CPU()
    {
        // The reference's E02, measured beside two builds: 145 ms against a limit of 140 ms.
        var limit = TimingModel.WallTime(12, Ms100, 12, WorkKind.Waiting);
        var over = limit.Limit + TimeSpan.FromMilliseconds(5);
        Measurement Run(TimeSpan wall, double othersMs, double? stalledMs) =>
            new(wall, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(othersMs), Stalled: stalledMs is { } s ? TimeSpan.FromMilliseconds(s) : null);

        limit.LoadExplains(Run(over, 81, 40)).ShouldNotBeNull().ShouldContain("enough to have delayed the waiting tasks by the 5 ms it was over the limit");
        limit.LoadExplains(Run(over, 81, 2)).ShouldBeNull("threads hardly waited for a CPU: the time over the limit is the solution's");
        limit.LoadExplains(Run(over, 3, 40)).ShouldBeNull("no other process took the CPU: waiting among the solution's own threads is the solution's");
        limit.LoadExplains(Run(over, 81, null)).ShouldBeNull("where the kernel does not tell how long threads waited, the limit alone decides");
        limit.LoadExplains(Run(Ms100 * 12, 900, 900)).ShouldBeNull("running the 12 tasks one after another is far more over the limit than the load explains");
        limit.LoadExplains(Run(limit.Limit, 81, 40)).ShouldBeNull("within the limit there is nothing to explain");
        TimingModel.WallTime(4 * TimingModel.Processors, Ms100, 4 * TimingModel.Processors, WorkKind.Computing, TimeSpan.FromMilliseconds(81))
            .LoadExplains(Run(over * 4, 81, 40)).ShouldBeNull("computing work counts what other processes took in its ideal already");
    }

    [Test]
    public void A_waiting_check_that_only_a_busy_machine_put_over_its_limit_is_undecided_and_one_on_a_quiet_machine_fails()
    {
        var limit = TimingModel.WallTime(12, Ms100, 12, WorkKind.Waiting);
        var cpu = TimeSpan.FromMilliseconds(30);
        var busy = new Measurement(limit.Limit + TimeSpan.FromMilliseconds(5), cpu, TimeSpan.Zero, TimeSpan.FromMilliseconds(81), Stalled: TimeSpan.FromMilliseconds(40));
        var quiet = busy with { Others = TimeSpan.Zero, Stalled = TimeSpan.Zero };

        var undecided = Should.Throw<InconclusiveException>(() => Timing.Require("ThreadPerTask.RunAll(12, task)", () => new TimedAttempt(busy, limit), _ => Hints.Sequential));
        undecided.Message.ShouldContain("undecided on this machine: other processes took 81 ms of CPU time while it ran, and for 40 ms threads waited for a CPU");
        undecided.Message.ShouldContain("Wall time: 145 ms; other processes took 81 ms of CPU time meanwhile, and for 40 ms threads waited for a CPU");

        var failed = Should.Throw<AssertionException>(() => Timing.Require("ThreadPerTask.RunAll(12, task)", () => new TimedAttempt(quiet, limit), _ => Hints.Sequential));
        failed.Message.ShouldContain("took too long: its wall time was above the limit in all 3 conclusive attempts");
    }

    [Test]
    public void Holds_within_the_limit_and_above_the_floor()
    {
        var limit = TimingModel.CpuTimeOfComputing(4, Ms100);

        limit.Holds(new Measurement(Ms100, Ms100 * 4, TimeSpan.Zero)).ShouldBeTrue();
        limit.Holds(new Measurement(Ms100, Ms100 * 2, TimeSpan.Zero)).ShouldBeFalse();
        limit.Holds(new Measurement(Ms100, Ms100 * 6, TimeSpan.Zero)).ShouldBeFalse();
    }

    [Test]
    public void A_measurement_near_the_mistake_looks_like_it()
    {
        var limit = TimingModel.WallTime(10, Ms100, 10, WorkKind.Waiting);

        limit.LooksLikeTheMistake(new Measurement(Ms100 * 9, TimeSpan.Zero, TimeSpan.Zero)).ShouldBeTrue();
        limit.LooksLikeTheMistake(new Measurement(Ms100 * 2, TimeSpan.Zero, TimeSpan.Zero)).ShouldBeFalse();
    }

    [Test]
    public void Waiting_work_may_cost_a_share_of_its_wall_time_in_CPU_and_a_busy_wait_is_conclusive()
    {
        var limit = TimingModel.CpuTimeOfWaiting(10, Thresholds.CpuTime.WaitingTaskForCheck, 10);

        limit.Limit.ShouldBe((Thresholds.CpuTime.WaitingTaskForCheck * Thresholds.CpuTime.WaitingShare) + Thresholds.CpuTime.Overhead);
        limit.IsConclusive.ShouldBeTrue();
    }

    [Test]
    public void Measurements_read_like_the_notebooks_time_magic()
    {
        var measured = new Measurement(TimeSpan.FromSeconds(2.03), TimeSpan.FromSeconds(3.98), TimeSpan.FromMilliseconds(12));

        measured.ToString().ShouldBe("CPU times: user 3.98 s, sys 12 ms, total 3.99 s; Wall time: 2.03 s");
        Durations.Format(TimeSpan.FromMicroseconds(350)).ShouldBe("350 µs");
    }

    [Test]
    public void Each_attempt_shows_the_expectation_beside_the_measurement()
    {
        var limit = TimingModel.WallTime(10, Ms100, 10, WorkKind.Waiting);
        var attempt = new TimedAttempt(new Measurement(Ms100, TimeSpan.FromMilliseconds(3), TimeSpan.Zero), limit);

        attempt.ToString().ShouldBe(
            $"CPU times: user 3 ms, sys 0 µs, total 3 ms; Wall time: 100 ms (wall time: ideal 100 ms, limit {Durations.Format(limit.Limit)}, P = {TimingModel.Processors})");
    }

    private static Measurement Cpu(int milliseconds) =>
        new(TimeSpan.FromMilliseconds(milliseconds), TimeSpan.FromMilliseconds(milliseconds), TimeSpan.Zero);
}
