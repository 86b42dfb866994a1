namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IFibonacci))]
[Exercise("E12")]
public sealed class E12_FibonacciParallel
{
    private const int LargestSmallN = 25;
    private static readonly double GoldenRatio = (1 + Math.Sqrt(5)) / 2;
    private readonly IFibonacci fibonacci = StudentCode.Create(StudentClass.Fibonacci);

    [Test]
    public void Computes_F0_to_F40_exactly_for_several_cutoffs()
    {
        var random = Seed.ForThisCheck();
        // Every small n with a cutoff below n, at n, and above it: cheap even where the cutoff is ignored.
        RequireExact(Enumerable.Range(0, LargestSmallN + 1)
            .SelectMany(n => new[] { (n, Math.Max(0, n - random.Next(3, 12))), (n, n), (n, n + random.Next(1, 10)) }));

        // Larger n only once the cutoff is seen to be honoured: ignoring it, F(40) would start hundreds of millions of tasks.
        var medium = random.Next(LargestSmallN + 1, 33);
        var large = random.Next(36, 41);
        RequireCutoffHonoured(random, $"F({medium}) and F({large}) were not tried: with the cutoff ignored they would start about {FibonacciOracle.Of(large)} tasks. ");
        RequireExact([(medium, medium - random.Next(4, 10)), (large, large - random.Next(8, 15))]);
    }

    [Test]
    public void Starts_no_more_tasks_than_the_cutoff_allows()
    {
        RequireCutoffHonoured(Seed.ForThisCheck());
        RequireNoForkAtTheCutoff();
    }

    [Test]
    public void Forks_a_task_at_each_step_above_the_cutoff()
    {
        var (call, started, forkSteps) = CountTasks(Seed.ForThisCheck());

        Feedback.Require(
            started.Total >= forkSteps,
            $"{call} did not fork tasks above its cutoff.",
            () => $"{started} started",
            $"at least {forkSteps}: one per recursion step above the cutoff",
            Hints.NotParallel);
    }

    [Timed]
    [Test]
    public void Speeds_up_over_its_own_sequential_run_by_about_the_CPU_count()
    {
        var random = Seed.ForThisCheck();
        RequireCutoffHonoured(random, "The speed-up was not measured: with the cutoff ignored, the parallel run would start millions of tasks. ");

        // The largest n still quick enough, grown until the student's own sequential run (cutoff >= n) is long enough to time.
        var n = Thresholds.E12.SmallestTimedN;
        var sequential = TimeSequential(n);
        while (sequential.Cpu < Thresholds.SpeedUp.Baseline && n < Thresholds.E12.LargestTimedN)
        {
            var growth = Thresholds.SpeedUp.Baseline / Max(sequential.Cpu, TimeSpan.FromMilliseconds(1));
            n = Math.Min(Thresholds.E12.LargestTimedN, n + Math.Max(1, (int)Math.Ceiling(Math.Log(growth) / Math.Log(GoldenRatio))));
            sequential = TimeSequential(n);
        }

        var cutoff = n - random.Next(10, 13);
        var call = $"Fibonacci.ParallelRecursive({n}, {cutoff})";

        // One parallel run first, not judged on its time: the first one of this size also pays for the thread pool's growth (measured: its CPU time up to 1.3 x a later run's).
        var warmUp = Timing.Measure(call, () => RequireExact([(n, cutoff)]));
        var fairness = new BaselineFairness(sequential, GradersOwnWork.PlainRecursion(n), warmUp); // measured at this n: one more run of each to judge the baselines by
        Timing.Require(
            call,
            () =>
            {
                var baseline = TimeSequential(n);
                var (parallel, concurrency) = Timing.MeasureConcurrency(call, () => RequireExact([(n, cutoff)]));
                return new TimedAttempt(
                    parallel,
                    TimingModel.SpeedUp(baseline, parallel, $"sequential run ParallelRecursive({n}, {n})"),
                    baseline,
                    fairness.Judge(baseline, parallel, concurrency, Witness.Of(concurrency, Hints.NotParallel)))
                {
                    Timeline = concurrency?.Timeline,
                };
            },
            Timing.HintBy(Hints.NotParallel, Hints.TooFewInFlight));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private Measurement TimeSequential(int n) =>
        Timing.Measure($"Fibonacci.ParallelRecursive({n}, {n})", () => RequireExact([(n, n)]));

    private void RequireExact(IEnumerable<(int N, int Cutoff)> cases)
    {
        foreach (var (n, cutoff) in cases)
        {
            var call = $"Fibonacci.ParallelRecursive({n}, {cutoff})";
            var computed = StudentCode.Call(call, () => fibonacci.ParallelRecursive(n, cutoff));

            Feedback.Require(computed == FibonacciOracle.Of(n), $"{call} is not F({n}).", () => $"{computed}", $"{FibonacciOracle.Of(n)}", Hints.WrongFibonacci);
        }
    }

    private void RequireCutoffHonoured(Random random, string consequence = "")
    {
        var (call, started, forkSteps) = CountTasks(random);
        var allowed = (Thresholds.E12.TasksPerForkStep * forkSteps) + Thresholds.E12.UnrelatedTaskAllowance;

        Feedback.Require(
            started.Total <= allowed,
            $"{consequence}{call} started far more tasks than its cutoff allows.",
            () => $"{started}",
            $"at most {allowed}: {Thresholds.E12.TasksPerForkStep} per recursion step above the cutoff ({forkSteps} steps), none below it",
            Hints.CutoffIgnored);
    }

    /// <summary>
    /// ParallelRecursive(n, n) is plain recursion, all of it on one thread (the calling one, or one it hands
    /// the whole call to): a fork at n == cutoff (n &lt; cutoff where the contract says n &lt;= cutoff) runs
    /// F(n - 1) or F(n - 2) on another thread beside it, where about 38% of the call's CPU time then goes. CPU time per thread, which neither load
    /// nor one CPU changes; a system that does not tell it leaves the check to the task count alone.
    /// </summary>
    private void RequireNoForkAtTheCutoff()
    {
        if (!CpuSplit.Available)
        {
            return;
        }

        var n = Thresholds.E12.SmallestTimedN;
        var work = GradersOwnWork.PlainRecursion(n);
        while (work.Cpu < Thresholds.E12.AtTheCutoffWork && n < Thresholds.E12.LargestTimedN)
        {
            work = GradersOwnWork.PlainRecursion(++n);
        }

        // Judged against the work F(n) takes, not against what the call cost: a call that skips the work (a memo) hands none of it elsewhere.
        var call = $"Fibonacci.ParallelRecursive({n}, {n})";
        var allowed = work.Cpu * Thresholds.E12.BesideTheBusiestAtTheCutoff;
        var split = StudentCode.Call(call, () => CpuSplit.Of(() => fibonacci.ParallelRecursive(n, n)));
        Feedback.Require(
            split.BesideTheBusiest <= allowed,
            $"{call} forked at n == sequentialCutoff: two or more threads shared its work.",
            () => $"{Durations.Format(split.BesideTheBusiest)} of CPU time on threads beside the busiest one (the call cost {Durations.Format(split.Process)} in all)",
            $"at most {Durations.Format(allowed)} there ({Thresholds.E12.BesideTheBusiestAtTheCutoff:P0} of {Durations.Format(work.Cpu)}, {work.What}): plain recursion at n <= sequentialCutoff, on one thread",
            Hints.ForksAtTheCutoff);
    }

    private (string Call, Forks Started, long ForkSteps) CountTasks(Random random)
    {
        var n = random.Next(26, 29);
        var cutoff = n - random.Next(6, 10);
        var call = $"Fibonacci.ParallelRecursive({n}, {cutoff})";
        using var counter = TaskCounter.Start();

        RequireExact([(n, cutoff)]);

        var (tasks, threads) = counter.Read();
        return (call, new Forks(tasks, threads), FibonacciOracle.ForkSteps(n, cutoff));
    }

    /// <summary>What a fork-join started: tasks, or dedicated threads (a fork each, as tasks are).</summary>
    private sealed record Forks(long Tasks, long Threads)
    {
        public long Total => Tasks + Threads;

        public override string ToString() => Threads == 0 ? Feedback.Count(Tasks, "task") : $"{Feedback.Count(Tasks, "task")} and {Feedback.Count(Threads, "thread")}";
    }
}
