using System.Collections.Concurrent;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IExceptionCollector))]
[Exercise("E09")]
public sealed class E09_ExceptionCollector
{
    private readonly IExceptionCollector collector = StudentCode.Create(StudentClass.ExceptionCollector);

    [Test]
    public void Returns_one_outcome_per_task_in_task_order()
    {
        var work = FailingWork.Draw(Seed.ForThisCheck());

        var outcomes = RunAll(work);

        var indices = outcomes.Select(outcome => outcome.TaskIndex).ToList();
        Feedback.Require(
            indices.SequenceEqual(Enumerable.Range(0, work.Count)),
            $"RunAll(tasks[{work.Count}], {work.Workers}) did not return outcome i for task i.",
            () => $"{outcomes.Count} outcomes with task indices {Feedback.List(indices, 16)}",
            $"{work.Count} outcomes with task indices 0 to {work.Count - 1} in order",
            Hints.WrongAttribution);
    }

    [Test]
    public void Attributes_each_failure_to_its_task_with_the_very_exception_thrown()
    {
        var work = FailingWork.Draw(Seed.ForThisCheck());

        var outcomes = ByTask($"RunAll(tasks[{work.Count}], {work.Workers})", RunAll(work));

        work.RequireFailuresAttributed($"RunAll(tasks[{work.Count}], {work.Workers})", outcomes);
    }

    [Test]
    public void Keeps_the_value_of_every_task_that_succeeded()
    {
        var work = FailingWork.Draw(Seed.ForThisCheck());

        var outcomes = ByTask($"RunAll(tasks[{work.Count}], {work.Workers})", RunAll(work));

        work.RequireValuesKept($"RunAll(tasks[{work.Count}], {work.Workers})", outcomes);
    }

    [Test]
    public void Runs_every_task_even_after_failures()
    {
        var work = FailingWork.Draw(Seed.ForThisCheck());

        RunAll(work);

        ResultChecks.RequireEachIndexOnce(
            $"RunAll(tasks[{work.Count}], {work.Workers}) (failing tasks: {Feedback.List(work.Failing)})",
            work.Runs,
            work.Count,
            "task",
            Hints.StopsAtFirstFailure);
    }

    [Test]
    public void Lets_no_exception_escape_even_when_every_task_fails()
    {
        var work = FailingWork.Draw(Seed.ForThisCheck(), everyTaskFails: true);

        var outcomes = ByTask($"RunAll(tasks[{work.Count}], {work.Workers})", RunAll(work));

        work.RequireFailuresAttributed($"RunAll(tasks[{work.Count}], {work.Workers})", outcomes);
    }

    [Test]
    public void AsCompleted_yields_every_outcome_attributed_to_its_task()
    {
        var work = FailingWork.Draw(Seed.ForThisCheck());
        var call = $"AsCompleted(tasks[{work.Count}], {work.Workers})";
        var outcomes = new List<TaskOutcome<int>>();

        var enumerator = StudentCode.Call(call, () => collector.AsCompleted(work.Tasks, work.Workers).GetAsyncEnumerator());
        while (StudentCode.TryMoveNext(call, enumerator, Thresholds.StudentCalls.TimeLimit, out var outcome) is true)
        {
            outcomes.Add(NotNull(call, outcome));
        }

        var indices = outcomes.Select(outcome => outcome.TaskIndex).Order().ToList();
        Feedback.Require(
            indices.SequenceEqual(Enumerable.Range(0, work.Count)),
            $"{call} did not yield one outcome per task.",
            () => $"{outcomes.Count} outcomes for tasks {Feedback.List(indices, 16)}",
            $"{work.Count} outcomes, one for each task 0 to {work.Count - 1}",
            Hints.WrongAttribution);
        var byTask = ByTask("AsCompleted", outcomes);
        work.RequireFailuresAttributed(call, byTask);
        work.RequireValuesKept(call, byTask);
    }

    [Test]
    public void AsCompleted_yields_its_first_outcome_while_the_other_tasks_still_run()
    {
        var order = ReleaseOrder(Seed.ForThisCheck());
        using var run = new ReleasedTasks(order.Length);
        var call = $"AsCompleted(tasks[{order.Length}], {order.Length})";

        var enumerator = StudentCode.Call(call, () => collector.AsCompleted(run.Tasks, order.Length).GetAsyncEnumerator());
        run.Release(order[0]);
        var first = StudentCode.TryMoveNext(call, enumerator, Thresholds.Probes.GateTimeout, out var outcome);
        var unstarted = first is true ? null : run.NeverStarted(order[0]);

        Feedback.Require(
            first is true && NotNull(call, outcome).TaskIndex == order[0],
            $"{call} did not yield the first task to complete while the others still ran.",
            () => unstarted?.Measured ?? (first is null
                ? $"nothing yielded within {Thresholds.Probes.GateTimeout.TotalSeconds:0} s of task {order[0]} completing"
                : $"first outcome: {(first is true ? Describe(outcome!) : "none")}"),
            $"task {order[0]}'s outcome at once: it completed first, and the other tasks wait until it is yielded",
            unstarted?.Hint ?? Hints.IndexOrderNotCompletionOrder);
    }

    [Test]
    public void AsCompleted_yields_the_outcomes_in_completion_order()
    {
        var order = ReleaseOrder(Seed.ForThisCheck());
        using var run = new ReleasedTasks(order.Length);
        var call = $"AsCompleted(tasks[{order.Length}], {order.Length})";
        var yielded = new List<int>();
        (string Measured, Hint Hint)? unstarted = null;

        var enumerator = StudentCode.Call(call, () => collector.AsCompleted(run.Tasks, order.Length).GetAsyncEnumerator());
        foreach (var task in order)
        {
            run.Release(task);
            if (StudentCode.TryMoveNext(call, enumerator, Thresholds.Probes.GateTimeout, out var outcome) is not true)
            {
                unstarted = run.NeverStarted(task);
                break;
            }

            yielded.Add(NotNull(call, outcome).TaskIndex);
        }

        Feedback.Require(
            yielded.SequenceEqual(order),
            $"{call} did not yield the outcomes in the order the tasks completed.",
            () => string.Join("; ", new[] { yielded.Count == 0 ? "nothing yielded" : $"yielded tasks {Feedback.List(yielded, 16)}", unstarted?.Measured }.OfType<string>()),
            $"completion order {Feedback.List(order, 16)} (each task completes only after the previous one was yielded)",
            unstarted?.Hint ?? Hints.IndexOrderNotCompletionOrder);
    }

    [Test]
    public void AsCompleted_keeps_exactly_the_given_number_of_workers_busy()
    {
        var random = Seed.ForThisCheck();
        var workers = ConcurrencyProbe.DrawWorkers(random);
        var taskCount = (3 * workers) + random.Next(1, workers + 1);
        var probe = new ConcurrencyProbe(workers);
        var call = $"AsCompleted(tasks[{taskCount}], {workers})";
        var tasks = Enumerable.Range(0, taskCount).Select(index => (Func<int>)(() =>
        {
            probe.Run();
            return index;
        })).ToList();

        var enumerator = StudentCode.Call(call, () => collector.AsCompleted(tasks, workers).GetAsyncEnumerator());
        while (StudentCode.TryMoveNext(call, enumerator, Thresholds.StudentCalls.TimeLimit, out var outcome) is true)
        {
            NotNull(call, outcome);
        }

        probe.RequireExactlyTheWorkers(call, "and the tasks only wait");

        var slow = new SlowItemProbe(workers);
        var slowTasks = TasksOf(slow);
        var slowCall = $"AsCompleted(tasks[{slowTasks.Count}], {workers})";
        var slowEnumerator = StudentCode.Call(slowCall, () => collector.AsCompleted(slowTasks, workers).GetAsyncEnumerator());
        while (StudentCode.TryMoveNext(slowCall, slowEnumerator, Thresholds.StudentCalls.TimeLimit, out var outcome) is true)
        {
            NotNull(slowCall, outcome);
        }

        slow.Require(slowCall, "task");
    }

    [Timed]
    [Test]
    public void Runs_failing_and_succeeding_tasks_in_about_ceil_n_over_workers_task_durations()
    {
        var random = Seed.ForThisCheck();
        var workers = random.Next(Math.Max(3, TimingModel.Processors + 1), (2 * TimingModel.Processors) + 2); // at least 3: conclusive on one CPU too
        var taskCount = (2 * workers) - random.Next(0, 2);
        var duration = Thresholds.Timing.WaitingTask;
        var runs = new TaskRuns(taskCount);
        var tasks = Enumerable.Range(0, taskCount).Select(index => (Func<int>)(() =>
        {
            TimelineRecorder.Wait(duration);
            runs.Finished(index);
            return index % 3 == 0 ? throw new InvalidOperationException($"task {index} failed (thrown by the grader)") : index;
        })).ToList();
        var call = $"ExceptionCollector.RunAll(tasks[{taskCount}], {workers})";
        Timing.WarmUp(call, () => collector.RunAll<int>([() => 1, () => throw new InvalidOperationException("warm-up")], workers));

        // Faster than ceil(n / workers) durations is no better: more than `workers` at once ignores the pool's size (a count load cannot change).
        var probe = new ConcurrencyProbe(workers);
        StudentCode.Call(call, () => collector.RunAll(Enumerable.Range(0, taskCount).Select(index => (Func<int>)(() =>
        {
            probe.Run();
            return index;
        })).ToList(), workers));
        probe.RequireAtMost(call, workers, $"workers = {workers}");

        IReadOnlyList<TaskOutcome<int>>? outcomes = null;
        Timing.Require(
            call,
            TimingModel.WallTime(taskCount, duration, workers, WorkKind.Waiting),
            () => outcomes = StudentCode.CopyOf(collector.RunAll(tasks, workers)),
            Timing.HintBy(Hints.Sequential, Hints.WorkersAtOnce),
            () =>
            {
                runs.RequireEachOnce(call, "task", Hints.StopsAtFirstFailure);
                var timed = Timing.InATimedRun(call);
                var byTask = ByTask(timed, (outcomes ?? []).Select(outcome => NotNull(timed, outcome)));
                var wrong = Enumerable.Range(0, taskCount)
                    .Where(index => !byTask.TryGetValue(index, out var outcome) || outcome.Succeeded == (index % 3 == 0) || (outcome.Succeeded && outcome.Value != index))
                    .ToList();
                var swallowed = wrong.Any(index => index % 3 == 0 && byTask.TryGetValue(index, out var outcome) && outcome.Succeeded);
                Feedback.Require(
                    wrong.Count == 0,
                    $"{timed} did not return each task's own outcome.",
                    () => $"wrong or missing outcomes: {Feedback.List(wrong.Select(index => byTask.TryGetValue(index, out var outcome) ? Describe(outcome) : $"task {index}: none"))}",
                    $"{taskCount} outcomes: task i failed where i is a multiple of 3, and returned i otherwise",
                    swallowed ? Hints.ExceptionRecreated : Hints.WrongAttribution);
            });

        // Fast enough, and each worker goes on to the next task as it frees up, not after the slowest of a batch (a witness that load cannot change).
        var slow = new SlowItemProbe(workers);
        var slowCall = $"ExceptionCollector.RunAll(tasks[{slow.Items.Count}], {workers})";
        StudentCode.Call(slowCall, () => collector.RunAll(TasksOf(slow), workers));
        slow.Require(slowCall, "task");
    }

    /// <summary>
    /// An outcome as the contract's ToString writes it, but with the exception's message read on a
    /// thread of its own: ToString would read it on the check's thread.
    /// </summary>
    private static string Describe(TaskOutcome<int> outcome) =>
        outcome.Succeeded
            ? $"task {outcome.TaskIndex}: {outcome.Value}"
            : $"task {outcome.TaskIndex}: {outcome.Error!.GetType().Name}: {StudentCode.MessageOf(outcome.Error)}";

    /// <summary>The outcomes by task index; two outcomes for one task fail the check, naming the task.</summary>
    private static Dictionary<int, TaskOutcome<int>> ByTask(string call, IEnumerable<TaskOutcome<int>> outcomes)
    {
        var all = outcomes.ToList();
        var twice = all.GroupBy(outcome => outcome.TaskIndex).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Feedback.Require(
            twice.Count == 0,
            $"{call} gave some tasks more than one outcome.",
            () => $"two or more outcomes for task {Feedback.List(twice)}",
            "one outcome per task",
            Hints.WrongAttribution);
        return all.ToDictionary(outcome => outcome.TaskIndex);
    }

    private static int[] ReleaseOrder(Random random)
    {
        var order = Enumerable.Range(0, random.Next(4, 9)).ToArray();
        do
        {
            random.Shuffle(order);
        }
        while (order[0] == 0); // index order must not pass by luck
        return order;
    }

    private IReadOnlyList<TaskOutcome<int>> RunAll(FailingWork work)
    {
        var call = $"ExceptionCollector.RunAll(tasks[{work.Count}], {work.Workers})";
        IReadOnlyList<TaskOutcome<int>>? outcomes = null;
        var escaped = StudentCode.CallExpectingException(call, () => outcomes = StudentCode.CopyOf(collector.RunAll(work.Tasks, work.Workers)));
        Feedback.Require(
            escaped is null,
            $"{call} let an exception escape.",
            () => $"{escaped!.GetType().Name}: {StudentCode.MessageOf(escaped)}",
            "no exception: every failure recorded as an outcome",
            Hints.ExceptionEscaped);
        foreach (var outcome in outcomes ?? [])
        {
            NotNull(call, outcome);
        }

        return outcomes ?? [];
    }

    /// <summary>An outcome the student's code gave, which must be one: null fails the check with a message, not a NullReferenceException in the grader.</summary>
    private static TaskOutcome<int> NotNull(string call, TaskOutcome<int>? outcome)
    {
        Feedback.Require(outcome is not null, $"{call} gave null as a task's outcome.", () => "null", "a TaskOutcome for every task (TaskOutcome<T>.Success or .Failure)", Hints.WrongAttribution);
        return outcome!;
    }

    /// <summary>Tasks of which a random few throw; each failure is an exception object made in advance.</summary>
    private sealed class FailingWork
    {
        private FailingWork(Random random, bool everyTaskFails)
        {
            var count = random.Next(8, 25);
            Workers = random.Next(2, 5);
            Values = Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
            Errors = new Exception?[count];
            foreach (var index in Enumerable.Range(0, count).Where(_ => everyTaskFails || random.Next(3) == 0))
            {
                Errors[index] = (index % 3) switch
                {
                    0 => new InvalidOperationException($"task {index} failed (thrown by the grader)"),
                    1 => new ArgumentException($"task {index} failed (thrown by the grader)"),
                    _ => new FormatException($"task {index} failed (thrown by the grader)"),
                };
            }

            // Failures enough, one in the first half, and a last task that succeeds (Thresholds.E09).
            if (!everyTaskFails)
            {
                Errors[count - 1] = null;
            }

            Errors[random.Next(count / 2)] ??= new TimeoutException("this task failed (thrown by the grader)");
            while (Errors.Count(error => error is not null) < Thresholds.E09.LeastFailingTasks)
            {
                Errors[random.Next(count - 1)] ??= new TimeoutException("this task failed (thrown by the grader)");
            }

            var pauses = Enumerable.Range(0, count).Select(_ => random.Next(0, 3) == 0 ? 5 : 0).ToArray(); // shuffles completion
            Tasks = Enumerable.Range(0, count).Select(index => (Func<int>)(() =>
            {
                Runs.Enqueue(index);
                Thread.Sleep(pauses[index]);
                return Errors[index] is { } error ? throw error : Values[index];
            })).ToList();
        }

        public int Count => Tasks.Count;

        public int Workers { get; }

        public IReadOnlyList<Func<int>> Tasks { get; }

        public ConcurrentQueue<int> Runs { get; } = new();

        public IEnumerable<int> Failing => Enumerable.Range(0, Count).Where(index => Errors[index] is not null);

        private int[] Values { get; }

        private Exception?[] Errors { get; }

        public static FailingWork Draw(Random random, bool everyTaskFails = false) => new(random, everyTaskFails);

        public void RequireFailuresAttributed(string call, IReadOnlyDictionary<int, TaskOutcome<int>> outcomes)
        {
            foreach (var index in Failing)
            {
                var thrown = Errors[index]!;
                var outcome = outcomes.GetValueOrDefault(index);
                var elsewhere = outcomes.Values.FirstOrDefault(other => ReferenceEquals(other.Error, thrown));
                Feedback.Require(
                    outcome is { Succeeded: false } && ReferenceEquals(outcome.Error, thrown),
                    $"{call} did not record task {index}'s exception as task {index}'s outcome.",
                    () => outcome switch
                    {
                        null => $"no outcome for task {index}",
                        { Succeeded: true } => $"task {index} reported as a success with value {outcome.Value}",
                        _ when elsewhere is not null => $"the exception attributed to task {elsewhere.TaskIndex}; task {index} has {outcome.Error!.GetType().Name}",
                        _ => $"{outcome.Error!.GetType().Name}: {StudentCode.MessageOf(outcome.Error)} (another object than the one thrown)",
                    },
                    $"Failure({index}, the very {thrown.GetType().Name} object it threw)",
                    outcome is null ? Hints.StopsAtFirstFailure
                    : elsewhere is not null && elsewhere.TaskIndex != index ? Hints.WrongAttribution
                    : Hints.ExceptionRecreated);
            }
        }

        public void RequireValuesKept(string call, IReadOnlyDictionary<int, TaskOutcome<int>> outcomes)
        {
            foreach (var index in Enumerable.Range(0, Count).Where(index => Errors[index] is null))
            {
                var outcome = outcomes.GetValueOrDefault(index);
                Feedback.Require(
                    outcome is { Succeeded: true } && outcome.Value == Values[index],
                    $"{call} lost the value of task {index}, which succeeded.",
                    () => outcome is null ? $"no outcome for task {index}" : Describe(outcome),
                    $"Success({index}, {Values[index]})",
                    outcome is null ? Hints.StopsAtFirstFailure : Hints.WrongAttribution);
            }
        }
    }

    /// <summary>Tasks that each wait until the grader releases them, so the grader decides the completion order.</summary>
    private sealed class ReleasedTasks : IDisposable
    {
        private readonly ManualResetEventSlim[] releases;
        private readonly int[] started;

        public ReleasedTasks(int count)
        {
            releases = Enumerable.Range(0, count).Select(_ => new ManualResetEventSlim(false)).ToArray();
            started = new int[count];
            Tasks = Enumerable.Range(0, count).Select(index => (Func<int>)(() =>
            {
                Volatile.Write(ref started[index], 1);
                releases[index].Wait(Thresholds.StudentCalls.TimeLimit);
                return index;
            })).ToList();
        }

        public IReadOnlyList<Func<int>> Tasks { get; }

        public void Release(int index) => releases[index].Set();

        /// <summary>
        /// Where a released task was never yielded because it never started (the tasks ran fewer at
        /// once than the <c>workers</c> given, one per task), what was seen and the hint; otherwise null.
        /// </summary>
        public (string Measured, Hint Hint)? NeverStarted(int index)
        {
            if (Volatile.Read(ref started[index]) != 0)
            {
                return null;
            }

            var startedCount = Enumerable.Range(0, started.Length).Count(task => Volatile.Read(ref started[task]) != 0);
            return ($"task {index} never started: {startedCount} of {started.Length} tasks started, with {started.Length} workers",
                startedCount <= 1 ? Hints.Sequential : Hints.TooFewInFlight);
        }

        // A check that failed leaves tasks waiting: let them end so no thread outlives the check.
        public void Dispose()
        {
            foreach (var release in releases)
            {
                release.Set();
            }
        }
    }

    /// <summary>The slow-item probe's items as tasks: task i does the probe's work for item i.</summary>
    private static List<Func<int>> TasksOf(SlowItemProbe slow) => slow.Items.Select(item => (Func<int>)(() => slow.Work(item))).ToList();
}
