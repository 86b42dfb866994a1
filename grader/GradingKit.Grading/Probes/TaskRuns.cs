using System.Collections.Concurrent;
using GradingKit.Grading.Checks;
using GradingKit.Grading.Measuring;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Which of the grader's tasks (or items) a timed run of student code ran, and how often: a timed run
/// must do the work it is timed on. Without it, code that tells a timed run from the others (by its
/// size, or by how long its first task takes) could skip the work there and be fast.
/// </summary>
/// <param name="count">How many tasks the run hands out, indexed from 0.</param>
public sealed class TaskRuns(int count)
{
    private readonly ConcurrentQueue<int> seen = new();

    /// <summary>
    /// Called by the grader's task when it has done its work (on a student's thread; never throws): a
    /// run that returns while its tasks still work is fast without having done the work it is timed on
    /// (a RunAll that never waited for its tasks passed E08's timing check in 6 ms against a limit of 212).
    /// </summary>
    /// <param name="index">The task's index.</param>
    public void Finished(int index) => seen.Enqueue(index);

    /// <summary>Fails the check unless every task ran exactly once, to its end, before the run returned; then forgets the run, for the next one.</summary>
    /// <param name="call">The call that was timed.</param>
    /// <param name="unit">What an index stands for ("task index", "item").</param>
    /// <param name="hint">The likely mistake.</param>
    public void RequireEachOnce(string call, string unit, Hint hint)
    {
        var what = Timing.InATimedRun(call);
        ResultChecks.RequireAllRanBeforeReturn(what, () => seen.Count, count);
        ResultChecks.RequireEachIndexOnce(what, seen, count, unit, hint);
        seen.Clear();
    }
}
