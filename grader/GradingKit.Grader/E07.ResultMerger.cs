using System.Collections.Concurrent;
using System.Diagnostics;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IResultMerger))]
[Exercise("E07")]
public sealed class E07_ResultMerger
{
    private const int TinyTaskCount = 100_000;
    private const int TinyTaskSpins = 50;
    private readonly IResultMerger merger = StudentCode.Create(StudentClass.ResultMerger);

    [Test]
    public void Returns_the_sum_of_what_the_tasks_returned()
    {
        var random = Seed.ForThisCheck();
        // Quarters far below 2^53 add up exactly in any order, so the sum has one right value; and a sum
        // that keeps whole numbers only (a long, for Interlocked.Add) loses their fractions.
        var values = Enumerable.Range(0, random.Next(20, 200)).Select(_ => random.Next(-4_000_000, 4_000_000) / 4.0).ToArray();
        var call = $"ResultMerger.SumResults({values.Length}, task)";

        var sum = StudentCode.Call(call, () => merger.SumResults(values.Length, index => values[index]));

        var wholeNumbersOnly = sum == values.Sum(Math.Truncate) || sum == values.Sum(value => Math.Round(value));
        Feedback.Require(
            sum == values.Sum(),
            $"{call} is not the sum of what the tasks returned.",
            () => wholeNumbersOnly ? $"{sum}: the sum of the results' whole parts" : $"{sum}",
            $"{values.Sum()} (the results are quarters: 12.25, -3.75 ...)",
            wholeNumbersOnly ? Hints.FractionsLost : Hints.LostUpdates);
    }

    [Test]
    public void Loses_no_update_among_100_000_tiny_tasks()
    {
        var call = $"ResultMerger.SumResults({TinyTaskCount}, _ => 1.0)";

        // Each task spins a moment, so that the workers really overlap: `total += task(i)` reads the total
        // before the task runs, and an unsynchronised sum then loses updates every time, not by luck.
        var sum = StudentCode.Call(call, () => merger.SumResults(TinyTaskCount, Tiny));

        Feedback.Require(
            sum == TinyTaskCount,
            $"{call} lost or added updates.",
            () => $"{sum}",
            $"{TinyTaskCount} exactly",
            Hints.LostUpdates);

        // As many tiny tasks again, in calls of a task per worker: each call's workers finish together, so
        // that subtotals merged without a lock meet, and one is lost now and then (Thresholds.Probes.TogetherBudget).
        var workers = Math.Max(2, Environment.ProcessorCount);
        var together = $"ResultMerger.SumResults({workers}, _ => 1.0)";
        var (calls, wrong, example) = StudentCode.Call(together, () =>
        {
            var clock = Stopwatch.StartNew();
            var (calls, wrong, example) = (0, 0, 0.0);
            while (calls < TinyTaskCount / workers && clock.Elapsed < Thresholds.Probes.TogetherBudget)
            {
                var sum = merger.SumResults(workers, Tiny);
                calls++;
                if (sum != workers)
                {
                    (wrong, example) = (wrong + 1, wrong == 0 ? sum : example);
                }
            }

            return (calls, wrong, example);
        });

        Feedback.Require(
            wrong == 0,
            $"{together} lost or added updates when its {workers} workers finished, and merged what they summed, at the same moment.",
            () => $"{Feedback.Count(wrong, "wrong sum")} in {calls} calls, for example {example}",
            $"{workers} in every call",
            Hints.LostUpdates);
    }

    /// <summary>A tiny task: it spins a moment and returns 1.0.</summary>
    private static double Tiny(int index)
    {
        Thread.SpinWait(TinyTaskSpins);
        return 1.0;
    }

    [Test]
    public void Runs_each_task_exactly_once()
    {
        var taskCount = Seed.ForThisCheck().Next(50, 150);
        var runs = new ConcurrentQueue<int>();
        var call = $"ResultMerger.SumResults({taskCount}, task)";

        StudentCode.Call(call, () => merger.SumResults(taskCount, index =>
        {
            runs.Enqueue(index);
            return 0;
        }));

        ResultChecks.RequireEachIndexOnce(call, runs, taskCount, "task index", Hints.TaskRunTwiceOrNever);
    }

    [Test]
    public void Runs_waiting_tasks_in_parallel()
    {
        var processors = Environment.ProcessorCount;
        var taskCount = (3 * processors) + Seed.ForThisCheck().Next(1, processors + 1);
        var probe = new ConcurrencyProbe(processors);
        var call = $"ResultMerger.SumResults({taskCount}, task)";

        StudentCode.Call(call, () => merger.SumResults(taskCount, _ =>
        {
            probe.Run();
            return 1;
        }));

        probe.RequireTargetReached(call, $"at least Environment.ProcessorCount = {processors}, and the tasks only wait");
    }

    [Timed]
    [Test]
    public void Sums_waiting_tasks_in_about_ceil_n_over_CPUs_task_durations()
    {
        var processors = TimingModel.Processors;
        var taskCount = 4 * processors; // four rounds: at P = 2, running them one after another must show
        var duration = Thresholds.Timing.WaitingTask;
        var call = $"ResultMerger.SumResults({taskCount}, task)";
        Timing.WarmUp(call, () => merger.SumResults(2, _ => 1));

        var runs = new TaskRuns(taskCount);
        var sum = 0.0;

        Timing.Require(
            call,
            TimingModel.WallTime(taskCount, duration, processors, WorkKind.Waiting),
            () => sum = merger.SumResults(taskCount, index =>
            {
                TimelineRecorder.Wait(duration);
                runs.Finished(index);
                return 1;
            }),
            Timing.HintBy(Hints.Sequential, Hints.TooFewInFlight),
            () =>
            {
                runs.RequireEachOnce(call, "task index", Hints.TaskRunTwiceOrNever);
                Feedback.Require(sum == taskCount, $"{Timing.InATimedRun(call)} returned the wrong sum.", () => $"{sum}", $"{taskCount}: each of the {taskCount} tasks returned 1", Hints.LostUpdates);
            });
    }
}
