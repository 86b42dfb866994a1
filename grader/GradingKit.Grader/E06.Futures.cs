namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IFutures))]
[Exercise("E06")]
public sealed class E06_Futures
{
    private readonly IFutures futures = StudentCode.Create(StudentClass.Futures);

    [Test]
    public void Returns_its_task_before_the_work_is_done()
    {
        var items = Enumerable.Range(0, Seed.ForThisCheck().Next(4, 10)).ToList();
        var gate = new Gate();
        var finished = 0;
        var call = $"Futures.MapAsync(items[{items.Count}], work, 2)";

        var task = StudentCode.Call(call, () => futures.MapAsync(items, item =>
        {
            gate.Wait();
            Interlocked.Increment(ref finished);
            return item;
        }, 2));
        var finishedAtReturn = Volatile.Read(ref finished);
        gate.Open();
        var results = StudentCode.Await(call, task, StudentCode.CopyOf);

        Feedback.Require(
            finishedAtReturn == 0,
            $"{call} did the work before returning its task.",
            () => $"{finishedAtReturn} of {items.Count} items had finished when MapAsync returned",
            "the task handed back at once, before any item finished",
            Hints.BlockingFuture);
        ResultChecks.RequireInItemOrder(call, items, results);
    }

    [Test]
    public void Completes_with_the_results_in_the_order_of_the_items()
    {
        var random = Seed.ForThisCheck();
        var workers = random.Next(2, (2 * Environment.ProcessorCount) + 2);
        var items = Enumerable.Range(0, random.Next(30, 60)).Select(_ => random.Next(0, 5)).ToList();
        var call = $"Futures.MapAsync(items[{items.Count}], work, {workers})";

        var task = StudentCode.Call(call, () => futures.MapAsync(items, item =>
        {
            Thread.Sleep(item); // shuffles the completion order
            return -item;
        }, workers));
        var results = StudentCode.Await(call, task, StudentCode.CopyOf);

        ResultChecks.RequireInItemOrder(call, items.Select(item => -item).ToList(), results);
    }

    [Test]
    public void Keeps_exactly_the_given_number_of_workers_busy()
    {
        var random = Seed.ForThisCheck();
        var workers = ConcurrencyProbe.DrawWorkers(random);
        var items = Enumerable.Range(0, (3 * workers) + random.Next(1, workers + 1)).ToList();
        var probe = new ConcurrencyProbe(workers);
        var call = $"Futures.MapAsync(items[{items.Count}], work, {workers})";

        var task = StudentCode.Call(call, () => futures.MapAsync(items, item =>
        {
            probe.Run();
            return item;
        }, workers));
        StudentCode.Await(call, task);

        probe.RequireExactlyTheWorkers(call, "and the work only waits");

        var slow = new SlowItemProbe(workers);
        var slowCall = $"Futures.MapAsync(items[{slow.Items.Count}], work, {workers})";
        StudentCode.Await(slowCall, StudentCode.Call(slowCall, () => futures.MapAsync(slow.Items, slow.Work, workers)));
        slow.Require(slowCall, "item");
    }

    [Test]
    public void Faults_with_the_very_exception_that_an_item_threw()
    {
        var random = Seed.ForThisCheck();
        var items = Enumerable.Range(0, random.Next(8, 20)).ToList();
        var failing = random.Next(items.Count);
        var thrown = new InvalidOperationException($"item {failing} failed (thrown by the grader)");
        var call = $"Futures.MapAsync(items[{items.Count}], work, 3)";

        var task = StudentCode.Call(call, () => futures.MapAsync(items, item => item == failing ? throw thrown : item, 3));
        var ending = StudentCode.AwaitCompletion(call, task);

        // What awaiting the task throws: the first exception it holds, not one inside another.
        var held = ending.Held.Any(fault => ReferenceEquals(fault, thrown));
        var wrapped = !held && ending.Faults.Any(fault => ReferenceEquals(fault, thrown));
        Feedback.Require(
            ending.IsFaulted && held,
            wrapped
                ? $"The task of {call} faulted with the exception that item {failing} threw wrapped in another: awaiting it throws the wrapper."
                : $"The task of {call} did not fault with the exception that item {failing} threw.",
            () => wrapped ? $"faulted with {Feedback.List(ending.Held, f => f.GetType().Name, 3)}, the item's exception inside it"
                : ending.IsFaulted ? $"faulted with {Feedback.List(ending.Faults, f => $"{f.GetType().Name}: {StudentCode.MessageOf(f)}", 3)} (not the same object)"
                : $"{ending.Status}",
            $"Faulted, with the very InvalidOperationException object that item {failing} threw, which awaiting the task throws",
            wrapped ? Hints.ExceptionWrapped : Hints.ExceptionRecreated);
    }

    [Test]
    public void Ends_canceled_and_starts_no_further_items_once_canceled()
    {
        var random = Seed.ForThisCheck();
        const int Workers = 2;
        var items = Enumerable.Range(0, 60).ToList();
        var cancelAfter = random.Next(2, 6);
        using var cancellation = new CancellationTokenSource();
        var started = 0;
        var startedAtCancel = -1;
        var call = $"Futures.MapAsync(items[{items.Count}], work, {Workers}, token)";

        var task = StudentCode.Call(call, () => futures.MapAsync(items, item =>
        {
            if (Interlocked.Increment(ref started) == cancelAfter)
            {
                startedAtCancel = cancelAfter;
                cancellation.Cancel();
            }

            Thread.Sleep(Thresholds.Probes.Hold);
            return item;
        }, Workers, cancellation.Token));
        var ending = StudentCode.AwaitCompletion(call, task);
        Thread.Sleep(Thresholds.Probes.LateStartGrace);
        var startedInAll = Volatile.Read(ref started);

        Feedback.Require(
            ending.IsCanceled,
            $"The task of {call} did not end canceled after the token was canceled.",
            () => $"{ending.Status}{(ending.Faults.Count == 0 ? string.Empty : $": {Feedback.List(ending.Faults.Select(fault => fault.GetType().Name))}")}",
            "Canceled (awaiting it throws OperationCanceledException)",
            Hints.CancellationIgnored);
        Feedback.Require(
            startedInAll <= startedAtCancel + Workers,
            $"{call} went on starting items after the token was canceled.",
            () => $"{startedInAll} items started; {startedAtCancel} had started when the token was canceled",
            $"at most {startedAtCancel + Workers} (those already being handed to the {Workers} workers)",
            Hints.CancellationIgnored);
    }

    [Timed]
    [Test]
    public void Completes_in_about_ceil_n_over_workers_task_durations()
    {
        var random = Seed.ForThisCheck();
        var workers = random.Next(Math.Max(3, TimingModel.Processors + 1), (2 * TimingModel.Processors) + 2); // at least 3: conclusive on one CPU too
        var items = Enumerable.Range(0, (2 * workers) - random.Next(0, 2)).ToList();
        var duration = Thresholds.Timing.WaitingTask;
        var call = $"Futures.MapAsync(items[{items.Count}], work, {workers})";
        Timing.WarmUp(call, () => StudentCode.Await(call, futures.MapAsync([1, 2], item => item, workers)));

        var runs = new TaskRuns(items.Count);
        IReadOnlyList<int>? results = null;

        Timing.Require(
            call,
            TimingModel.WallTime(items.Count, duration, workers, WorkKind.Waiting),
            () => results = StudentCode.Await(call, futures.MapAsync(items, Timing.WaitingWork(duration, runs), workers), StudentCode.CopyOf),
            Timing.HintBy(Hints.Sequential, Hints.WorkersAtOnce),
            () =>
            {
                runs.RequireEachOnce(call, "item", Hints.ItemRunTwiceOrNever);
                ResultChecks.RequireInItemOrder(Timing.InATimedRun(call), items, results);
            });
    }
}
