namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IWallTimeModel))]
[Exercise("E03")]
public sealed class E03_WallTimeModel
{
    private const int MostProcessors = 64;
    private readonly IWallTimeModel model = StudentCode.Create(StudentClass.WallTimeModel);
    private readonly IThreadPerTask runner = StudentCode.Create(StudentClass.ThreadPerTask);

    [TestCase(WorkKind.Waiting)]
    [TestCase(WorkKind.Computing)]
    public void Predicts_the_wall_time_on_1_to_64_processors(WorkKind kind)
    {
        var random = Seed.ForThisCheck();
        for (var processors = 1; processors <= MostProcessors; processors++)
        {
            var taskCount = random.Next(1, 4 * MostProcessors);
            var duration = TimeSpan.FromMilliseconds(random.Next(10, 2000));
            var predicted = Predict(taskCount, duration, processors, kind, out var call);
            var ideal = TimingModel.IdealWallTime(taskCount, duration, taskCount, processors, kind);

            Feedback.Require(
                (predicted - ideal).Duration() <= Thresholds.E03.Tolerance,
                $"{call} does not match the model.",
                () => $"{predicted.TotalMilliseconds:0.###} ms",
                kind == WorkKind.Waiting
                    ? $"{ideal.TotalMilliseconds:0.###} ms: every thread waits at once, so one task's duration"
                    : $"{ideal.TotalMilliseconds:0.###} ms = max(duration, {taskCount} x duration / {processors})",
                Hints.WrongModel);
        }
    }

    [Timed]
    [Test]
    public void Runs_computing_tasks_in_about_n_x_duration_over_the_CPU_count()
    {
        var taskCount = ComputingTaskCount();
        var call = $"ThreadPerTask.RunAll({taskCount}, computing task)";
        Timing.WarmUp(call, () => runner.RunAll(2, _ => { }));
        var work = ComputingWork.For(Thresholds.Timing.ComputingTask);

        var runs = new TaskRuns(taskCount);

        // The witness: how many of the computing tasks ran at once. One thread per task, every
        // thread started before any is joined, has them all in flight together, even on one CPU.
        Timing.Require(
            call,
            () =>
            {
                var inFlight = new InFlightCount();
                var (measured, timeline) = Timing.MeasureTimeline(call, () => runner.RunAll(taskCount, index =>
                {
                    inFlight.During(work);
                    runs.Finished(index);
                }));
                runs.RequireEachOnce(call, "task index", Hints.TaskRunTwiceOrNever);
                return new TimedAttempt(
                    measured,
                    TimingModel.WallTime(taskCount, Thresholds.Timing.ComputingTask, taskCount, WorkKind.Computing, measured.Others),
                    Witness: Witness.InFlight(inFlight.Most, taskCount, $"{taskCount} computing tasks", Hints.JoinRightAfterStart))
                {
                    Timeline = timeline,
                };
            },
            Timing.HintBy(Hints.JoinRightAfterStart, Hints.TooFewInFlight));
    }

    [Timed]
    [Test]
    public void Spends_about_n_x_duration_of_CPU_time_on_computing_tasks()
    {
        var taskCount = ComputingTaskCount();
        var call = $"ThreadPerTask.RunAll({taskCount}, computing task)";
        Timing.WarmUp(call, () => runner.RunAll(2, _ => { }));
        var work = ComputingWork.For(Thresholds.Timing.ComputingTask);
        var limit = TimingModel.CpuTimeOfComputing(taskCount, Thresholds.Timing.ComputingTask);

        var runs = new TaskRuns(taskCount);

        Timing.Require(
            call,
            limit,
            () => runner.RunAll(taskCount, index =>
            {
                work();
                runs.Finished(index);
            }),
            attempt => attempt.Measurement.Cpu > limit.Limit ? Hints.BusyWaiting : Hints.WorkNotRun,
            () => runs.RequireEachOnce(call, "task index", Hints.TaskRunTwiceOrNever));
    }

    [Timed]
    [TestCase(WorkKind.Waiting)]
    [TestCase(WorkKind.Computing)]
    public void Predicts_what_RunAll_takes_here(WorkKind kind)
    {
        var taskCount = kind == WorkKind.Waiting ? Seed.ForThisCheck().Next(8, 13) : ComputingTaskCount();
        var duration = kind == WorkKind.Waiting ? Thresholds.Timing.WaitingTask : Thresholds.Timing.ComputingTask;
        var predicted = Predict(taskCount, duration, TimingModel.Processors, kind, out var prediction);
        var call = $"one thread per task, all started before any is joined: {taskCount} {kind.ToString().ToLowerInvariant()} tasks";
        Action task = kind == WorkKind.Waiting ? () => TimelineRecorder.Wait(duration) : ComputingWork.For(duration);

        // The prediction is compared with the grader's own thread per task, not the submission's RunAll:
        // a RunAll that runs one task after another costs E02's and E03's timing checks, not the model's
        // points, and a busy machine cannot make it look right here. The prediction is for a machine of
        // its own: CPU time other processes take meanwhile, shared by P, is added to what it may take
        // (computing tasks could not have it; waiting tasks too need a CPU to start their threads and
        // wake up: beside processes that took both CPUs, 12 waiting tasks of 100 ms took 147 to 216 ms);
        // for waiting tasks not to the floor (beside one busy core, they still took 100 to 130 ms).
        Timing.Require(
            call,
            measured =>
            {
                var others = measured.Others;
                var shared = others >= Thresholds.CpuTime.OthersWorthMentioning ? $" + ({Durations.Format(others)} that other processes took) / P" : string.Empty;
                var ideal = predicted + (others / TimingModel.Processors);
                return TimingModel.WallTime(ideal, $"what {prediction} predicted{shared}", null, null) with
                {
                    Floor = (kind == WorkKind.Computing ? ideal : predicted) * (1 - Thresholds.Timing.Slack),
                    Others = others,
                };
            },
            () => OneThreadPerTask(taskCount, task),
            _ => Hints.WrongModel);
    }

    /// <summary>The notebook's loop done right: a thread per task, every one started before any is joined.</summary>
    private static void OneThreadPerTask(int taskCount, Action task)
    {
        var threads = Enumerable.Range(0, taskCount).Select(_ => new Thread(() => task()) { IsBackground = true }).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
    }

    /// <summary>
    /// Four rounds of computing tasks per processor: long enough that running them one after another
    /// stands out at P = 2 too, and a multiple of P, which the OS scheduler shares out most evenly.
    /// </summary>
    private static int ComputingTaskCount() => 4 * TimingModel.Processors;

    private TimeSpan Predict(int taskCount, TimeSpan duration, int processors, WorkKind kind, out string call)
    {
        var what = $"WallTimeModel.Predict({taskCount}, {Durations.Format(duration)}, {processors}, {kind})";
        call = what;
        return StudentCode.Call(what, () => model.Predict(taskCount, duration, processors, kind));
    }
}
