using System.Collections.Concurrent;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(ILockedLoop))]
[Exercise("E08")]
public sealed class E08_LockedLoop
{
    private readonly ILockedLoop loop = StudentCode.Create(StudentClass.LockedLoop);

    [Test]
    public void Hands_every_task_the_same_lock_once()
    {
        var taskCount = Seed.ForThisCheck().Next(4, 11);
        var start = new ConcurrencyProbe(2);
        var handed = new ConcurrentBag<(int Index, Lock Lock)>();
        var call = $"LockedLoop.RunAll({taskCount}, task)";

        // Two tasks in flight at once before any is done: a lock of each worker's own (localInit) meets another.
        StudentCode.Call(call, () => loop.RunAll(taskCount, (index, shared) =>
        {
            start.Run();
            handed.Add((index, shared));
        }));

        ResultChecks.RequireAllRanBeforeReturn(call, () => handed.Count, taskCount);
        ResultChecks.RequireEachIndexOnce(call, handed.Select(h => h.Index), taskCount, "task index", Hints.TaskRunTwiceOrNever);
        var locks = handed.Select(h => h.Lock).Distinct(ReferenceEqualityComparer.Instance).Count();
        Feedback.Require(
            locks == 1 && handed.All(h => h.Lock is not null),
            $"{call} did not hand every task the same lock.",
            () => $"{locks} distinct Lock objects among {taskCount} tasks",
            "1 Lock object, shared by all",
            Hints.LockPerTask);
    }

    [Test]
    public void Never_lets_two_critical_sections_overlap()
    {
        var taskCount = Seed.ForThisCheck().Next(4, 11);
        var start = new ConcurrencyProbe(2);
        var inside = 0;
        var overlaps = 0;
        var finished = 0;
        var call = $"LockedLoop.RunAll({taskCount}, task)";

        StudentCode.Call(call, () => loop.RunAll(taskCount, (_, shared) =>
        {
            start.Run(); // the tasks rush the lock together once two of them are running
            using (shared.EnterScope())
            {
                if (Interlocked.Increment(ref inside) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                Thread.Sleep(Thresholds.E08.CriticalSection);
                Interlocked.Decrement(ref inside);
            }

            Interlocked.Increment(ref finished);
        }));

        ResultChecks.RequireAllRanBeforeReturn(call, () => Volatile.Read(ref finished), taskCount);
        Feedback.Require(
            overlaps == 0,
            $"{call} let critical sections overlap: the tasks do not share one lock.",
            () => $"{overlaps} of {taskCount} tasks entered the lock while another task held it",
            "0: one task at a time inside the lock",
            Hints.LockPerTask);
    }

    [Test]
    public void Runs_the_parts_outside_the_lock_in_parallel()
    {
        var taskCount = Seed.ForThisCheck().Next(4, 11);
        var atOnce = Math.Min(taskCount, Math.Max(2, Environment.ProcessorCount));
        var outside = new ConcurrencyProbe(atOnce);
        var threads = new ConcurrentDictionary<int, bool>();
        var finished = 0;
        var call = $"LockedLoop.RunAll({taskCount}, task)";

        StudentCode.Call(call, () => loop.RunAll(taskCount, (_, shared) =>
        {
            threads.TryAdd(Environment.CurrentManagedThreadId, true);
            outside.Run();
            using (shared.EnterScope())
            {
                Thread.Sleep(Thresholds.E08.CriticalSection);
            }

            Interlocked.Increment(ref finished);
        }));

        ResultChecks.RequireAllRanBeforeReturn(call, () => Volatile.Read(ref finished), taskCount);
        outside.RequireTargetReached(call, "the tasks run in parallel and take the lock only around their critical section", OneAtATime(threads.Count));
    }

    [Timed]
    [Test]
    public void Takes_about_outside_plus_n_x_inside_not_n_x_both()
    {
        var taskCount = Seed.ForThisCheck().Next(6, 9);
        var outside = Thresholds.Timing.WaitingTask;
        var ideal = outside + (Thresholds.E08.CriticalSection * taskCount);
        var call = $"LockedLoop.RunAll({taskCount}, task)";
        var threads = new ConcurrentDictionary<int, bool>();
        var mostThreads = 0; // of one run: each attempt calls from a thread of its own
        var runs = new TaskRuns(taskCount);
        Timing.WarmUp(call, () => loop.RunAll(2, (_, _) => { }));

        Timing.Require(
            call,
            TimingModel.WallTime(
                ideal,
                $"{Durations.Format(outside)} outside the lock + {taskCount} x {Durations.Format(Thresholds.E08.CriticalSection)} inside it, one task after another",
                (outside + Thresholds.E08.CriticalSection) * taskCount,
                "holding the lock around the whole task") with
            {
                Waits = true,
                Work = new TimedWork(taskCount, outside + Thresholds.E08.CriticalSection, taskCount),
                Schedule = [.. Enumerable.Range(0, taskCount).Select(task => (IReadOnlyList<TimelineSpan>)
                    [new(task, TimeSpan.Zero, outside), new(task, outside + (Thresholds.E08.CriticalSection * task), outside + (Thresholds.E08.CriticalSection * (task + 1)))])],
            },
            () =>
            {
                threads.Clear();
                loop.RunAll(taskCount, (index, shared) =>
                {
                    threads.TryAdd(Environment.CurrentManagedThreadId, true);
                    TimelineRecorder.Wait(outside);
                    using (shared.EnterScope())
                    {
                        TimelineRecorder.Wait(Thresholds.E08.CriticalSection);
                    }

                    runs.Finished(index);
                });
                mostThreads = Math.Max(mostThreads, threads.Count);
            },
            attempt => attempt.Limit.LooksLikeTheMistake(attempt.Measurement) ? OneAtATime(mostThreads) : Hints.TooFewInFlight,
            () => runs.RequireEachOnce(call, "task index", Hints.TaskRunTwiceOrNever));
    }

    /// <summary>What running the tasks one at a time shows, by the threads of one run: all on one, no parallelism at all; on several, each holding the lock around its whole task.</summary>
    private static Hint OneAtATime(int threads) => threads > 1 ? Hints.EverythingUnderTheLock : Hints.Sequential;
}
