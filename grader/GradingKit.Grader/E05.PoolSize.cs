namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IPool))]
[Exercise("E05")]
public sealed class E05_PoolSize
{
    private readonly IPool pool = StudentCode.Create(StudentClass.Pool);

    private static IEnumerable<TestCaseData> WorkerCounts =>
    [
        new TestCaseData(1).SetArgDisplayNames("1 worker"),
        new TestCaseData(3).SetArgDisplayNames("3 workers"),
        new TestCaseData((2 * Environment.ProcessorCount) + 1).SetArgDisplayNames("2 x CPUs + 1 workers"),
    ];

    // One worker runs the items one after another by design: nothing to time there.
    private static IEnumerable<TestCaseData> TimedWorkerCounts => WorkerCounts.Skip(1);

    [TestCaseSource(nameof(WorkerCounts))]
    public void Keeps_exactly_that_many_items_in_flight(int workers)
    {
        var items = Enumerable.Range(0, (3 * workers) + Seed.ForThisCheck().Next(1, workers + 1)).ToList();
        var probe = new ConcurrencyProbe(workers);
        var call = $"Pool.Map(items[{items.Count}], work, {workers})";

        StudentCode.Call(call, () => pool.Map(items, item =>
        {
            probe.Run();
            return item;
        }, workers));

        probe.RequireExactlyTheWorkers(call, "and the work only waits");
        if (workers >= 2)
        {
            var slow = new SlowItemProbe(workers);
            var slowCall = $"Pool.Map(items[{slow.Items.Count}], work, {workers})";
            StudentCode.Call(slowCall, () => pool.Map(slow.Items, slow.Work, workers));
            slow.Require(slowCall, "item");
        }
    }

    [Test]
    public void Returns_the_results_in_the_order_of_the_items()
    {
        var random = Seed.ForThisCheck();
        var workers = random.Next(2, (2 * Environment.ProcessorCount) + 2);
        var items = Enumerable.Range(0, random.Next(40, 80)).Select(_ => random.NextDouble()).ToList();
        var call = $"Pool.Map(items[{items.Count}], work, {workers})";

        var results = StudentCode.Call(call, () => StudentCode.CopyOf(pool.Map(items, item =>
        {
            Thread.Sleep((int)(item * 4)); // shuffles the completion order
            return item.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }, workers)));

        ResultChecks.RequireInItemOrder(call, items.Select(item => item.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToList(), results);
    }

    [Test]
    public void Rejects_a_worker_count_below_one()
    {
        List<int> items = [1, 2, 3];

        // Zero, the edge a check of "negative" alone lets through, and a negative count.
        foreach (var workers in new[] { 0, -Seed.ForThisCheck().Next(1, 100) })
        {
            ArgumentChecks.RequireRejects<ArgumentOutOfRangeException>(
                $"Pool.Map(items, work, {workers})", "workers", () => pool.Map(items, item => item, workers));
        }
    }

    [Test]
    public void Rejects_null_items_and_null_work()
    {
        List<int> items = [1, 2, 3];

        ArgumentChecks.RequireRejects<ArgumentNullException>("Pool.Map(null, work)", "items", () => pool.Map<int, int>(null!, item => item));
        ArgumentChecks.RequireRejects<ArgumentNullException>("Pool.Map(items, null)", "work", () => pool.Map<int, int>(items, null!));
        ArgumentChecks.RequireRejects<ArgumentNullException>("Pool.Map(null, work, 2)", "items", () => pool.Map<int, int>(null!, item => item, 2));
        ArgumentChecks.RequireRejects<ArgumentNullException>("Pool.Map(items, null, 2)", "work", () => pool.Map<int, int>(items, null!, 2));
    }

    [Timed]
    [TestCaseSource(nameof(TimedWorkerCounts))]
    public void Takes_about_ceil_n_over_workers_task_durations(int workers)
    {
        var items = Enumerable.Range(0, (2 * workers) - Seed.ForThisCheck().Next(0, 2)).ToList();
        var duration = Thresholds.Timing.WaitingTask;
        var call = $"Pool.Map(items[{items.Count}], work, {workers})";
        Timing.WarmUp(call, () => pool.Map([1, 2], item => item, workers));

        var runs = new TaskRuns(items.Count);
        IReadOnlyList<int>? results = null;

        Timing.Require(
            call,
            TimingModel.WallTime(items.Count, duration, workers, WorkKind.Waiting),
            () => results = StudentCode.CopyOf(pool.Map(items, Timing.WaitingWork(duration, runs), workers)),
            Timing.HintBy(Hints.Sequential, Hints.WorkersAtOnce),
            () =>
            {
                runs.RequireEachOnce(call, "item", Hints.ItemRunTwiceOrNever);
                ResultChecks.RequireInItemOrder(Timing.InATimedRun(call), items, results);
            });
    }
}
