namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IPool))]
[Exercise("E04")]
public sealed class E04_PoolMap
{
    private static readonly int Processors = Environment.ProcessorCount;
    private readonly IPool pool = StudentCode.Create(StudentClass.Pool);

    [Test]
    public void Returns_the_results_in_the_order_of_the_items()
    {
        var random = Seed.ForThisCheck();
        var items = Enumerable.Range(0, random.Next(40, 80)).Select(_ => random.Next(-1000, 1000)).ToList();
        var pauses = items.Select(_ => random.Next(0, 4)).ToList();

        var results = StudentCode.Call($"Pool.Map(items[{items.Count}], work)", () => StudentCode.CopyOf(pool.Map(items, item =>
        {
            Thread.Sleep(pauses[items.IndexOf(item)]); // shuffles the completion order
            return (2 * item) + 1;
        })));

        ResultChecks.RequireInItemOrder($"Pool.Map(items[{items.Count}], work)", items.Select(item => (2 * item) + 1).ToList(), results);
    }

    [Test]
    public void Hands_each_item_to_the_work_exactly_once()
    {
        var itemCount = Seed.ForThisCheck().Next(40, 80);
        var work = new Moq.Mock<Func<int, int>>();
        work.Setup(f => f(Moq.It.IsAny<int>())).Returns<int>(item => item);

        StudentCode.Call($"Pool.Map(items[{itemCount}], work)", () => pool.Map(Enumerable.Range(0, itemCount).ToList(), work.Object));

        ResultChecks.RequireEachIndexOnce(
            $"Pool.Map(items[{itemCount}], work)",
            work.Invocations.Select(invocation => (int)invocation.Arguments[0]!),
            itemCount,
            "item",
            Hints.ItemRunTwiceOrNever);
    }

    [Test]
    public void Keeps_at_most_processor_count_items_in_flight()
    {
        var probe = RunProbed(Seed.ForThisCheck());

        probe.RequireAtMost("Pool.Map(items, work)", Processors, $"Environment.ProcessorCount = {Processors}");
    }

    [Test]
    public void Keeps_processor_count_items_in_flight_with_waiting_work()
    {
        var probe = RunProbed(Seed.ForThisCheck());

        probe.RequireTargetReached("Pool.Map(items, work)", $"Environment.ProcessorCount = {Processors}, and the work only waits");
        if (Processors >= 2)
        {
            var slow = new SlowItemProbe(Processors);
            var call = $"Pool.Map(items[{slow.Items.Count}], work)";
            StudentCode.Call(call, () => pool.Map(slow.Items, slow.Work));
            slow.Require(call, "item");
        }
    }

    private ConcurrencyProbe RunProbed(Random random)
    {
        var items = Enumerable.Range(0, (3 * Processors) + random.Next(1, Processors + 1)).ToList();
        var probe = new ConcurrencyProbe(Processors);
        StudentCode.Call($"Pool.Map(items[{items.Count}], work)", () => pool.Map(items, item =>
        {
            probe.Run();
            return item;
        }));
        return probe;
    }

    [Timed]
    [Test]
    public void Takes_about_ceil_n_over_CPUs_task_durations()
    {
        var items = Enumerable.Range(0, Thresholds.E04.RoundsAtP2 * Processors).ToList();
        var duration = Thresholds.Timing.WaitingTask;
        var call = $"Pool.Map(items[{items.Count}], work)";
        Timing.WarmUp(call, () => pool.Map([1, 2], item => item));

        var runs = new TaskRuns(items.Count);
        IReadOnlyList<int>? results = null;

        Timing.Require(
            call,
            TimingModel.WallTime(items.Count, duration, Processors, WorkKind.Waiting),
            () => results = StudentCode.CopyOf(pool.Map(items, Timing.WaitingWork(duration, runs))),
            Timing.HintBy(Hints.Sequential, Hints.WorkersAtOnce),
            () =>
            {
                runs.RequireEachOnce(call, "item", Hints.ItemRunTwiceOrNever);
                ResultChecks.RequireInItemOrder(Timing.InATimedRun(call), items, results);
            });
    }
}
