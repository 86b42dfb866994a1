using System.Collections.Concurrent;
using Moq;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IThreadPerTask))]
[Exercise("E02")]
public sealed class E02_ThreadPerTask
{
    private readonly IThreadPerTask runner = StudentCode.Create(StudentClass.ThreadPerTask);

    [Test]
    public void Runs_each_task_index_exactly_once()
    {
        var taskCount = Seed.ForThisCheck().Next(5, 13);
        var task = new Mock<Action<int>>();

        StudentCode.Call($"ThreadPerTask.RunAll({taskCount}, task)", () => runner.RunAll(taskCount, task.Object));

        ResultChecks.RequireAllRanBeforeReturn($"RunAll({taskCount}, task)", () => task.Invocations.Count, taskCount);
        ResultChecks.RequireEachIndexOnce(
            $"RunAll({taskCount}, task)",
            task.Invocations.Select(invocation => (int)invocation.Arguments[0]!),
            taskCount,
            "task index",
            Hints.TaskRunTwiceOrNever);
    }

    [Test]
    public void Gives_each_task_a_dedicated_thread_of_its_own()
    {
        var taskCount = Seed.ForThisCheck().Next(5, 13);
        var probe = new ConcurrencyProbe(taskCount);
        var poolThreads = 0;
        var caller = -1;

        StudentCode.Call($"ThreadPerTask.RunAll({taskCount}, task)", () =>
        {
            caller = Environment.CurrentManagedThreadId;
            runner.RunAll(taskCount, _ =>
            {
                if (Thread.CurrentThread.IsThreadPoolThread)
                {
                    Interlocked.Increment(ref poolThreads);
                }

                probe.Run();
            });
        });

        // Threads are counted once every task has run; a RunAll that returns earlier leaves them uncounted.
        var ranAtReturn = probe.Exited;
        Feedback.Require(
            ranAtReturn == taskCount,
            $"RunAll({taskCount}, task) returned before every task had run, so its threads cannot be counted.",
            () => $"{ranAtReturn} of {taskCount} tasks had run when RunAll returned",
            $"all {taskCount}",
            Hints.ReturnedEarly);
        Feedback.Require(
            probe.Threads.Count == taskCount && !probe.Threads.Contains(caller) && poolThreads == 0,
            $"RunAll({taskCount}, task) did not give every task a dedicated thread of its own.",
            () => $"{probe.Threads.Count} distinct threads, {poolThreads} from the thread pool, "
                + $"caller's thread {(probe.Threads.Contains(caller) ? "used" : "not used")}",
            $"{taskCount} distinct dedicated threads, none from the pool, not the caller's",
            Hints.NotDedicatedThreads);
    }

    [Test]
    public void Starts_every_thread_before_waiting_for_any()
    {
        var taskCount = Seed.ForThisCheck().Next(5, 13);
        var probe = new ConcurrencyProbe(taskCount);

        StudentCode.Call($"ThreadPerTask.RunAll({taskCount}, task)", () => runner.RunAll(taskCount, _ => probe.Run()));

        probe.RequireTargetReached($"RunAll({taskCount}, task)", "one thread per task, all started before any Join", Hints.JoinRightAfterStart);
    }

    [Test]
    public void Returns_only_after_every_task_has_finished()
    {
        var random = Seed.ForThisCheck();
        var taskCount = random.Next(5, 13);
        var durations = Enumerable.Range(0, taskCount).Select(_ => TimeSpan.FromMilliseconds(random.Next(50, 300))).ToArray();
        var finished = new ConcurrentBag<int>();

        StudentCode.Call($"ThreadPerTask.RunAll({taskCount}, task)", () => runner.RunAll(taskCount, index =>
        {
            Thread.Sleep(durations[index]);
            finished.Add(index);
        }));

        var finishedAtReturn = finished.Count;
        Feedback.Require(
            finishedAtReturn == taskCount,
            $"RunAll({taskCount}, task) returned before every task had finished.",
            () => $"{finishedAtReturn} of {taskCount} tasks finished when RunAll returned",
            $"all {taskCount}",
            Hints.ReturnedEarly);
    }

    [Timed]
    [Test]
    public void Takes_about_one_task_duration_with_waiting_tasks()
    {
        var taskCount = Seed.ForThisCheck().Next(8, 13);
        var duration = Thresholds.Timing.WaitingTask;
        var call = $"ThreadPerTask.RunAll({taskCount}, task)";
        Timing.WarmUp(call, () => runner.RunAll(2, _ => { }));

        var runs = new TaskRuns(taskCount);
        var work = Timing.WaitingWork(duration, runs);

        Timing.Require(
            call,
            TimingModel.WallTime(taskCount, duration, taskCount, WorkKind.Waiting),
            () => runner.RunAll(taskCount, index => work(index)),
            Timing.HintBy(Hints.JoinRightAfterStart, Hints.TooFewInFlight),
            () => runs.RequireEachOnce(call, "task index", Hints.TaskRunTwiceOrNever));
    }

    [Timed]
    [Test]
    public void Waits_without_keeping_a_CPU_busy()
    {
        var taskCount = Seed.ForThisCheck().Next(8, 13);
        var duration = Thresholds.CpuTime.WaitingTaskForCheck;
        var call = $"ThreadPerTask.RunAll({taskCount}, task)";
        Timing.WarmUp(call, () => runner.RunAll(2, _ => { }));

        var runs = new TaskRuns(taskCount);
        var work = Timing.WaitingWork(duration, runs);

        Timing.Require(
            call,
            TimingModel.CpuTimeOfWaiting(taskCount, duration, taskCount),
            () => runner.RunAll(taskCount, index => work(index)),
            _ => Hints.BusyWaiting,
            () => runs.RequireEachOnce(call, "task index", Hints.TaskRunTwiceOrNever));
    }

}
