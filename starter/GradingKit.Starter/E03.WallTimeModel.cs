using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E03, interpret the wall time: a model of how long one thread per task takes.</summary>
/// <remarks>
/// <para>The notebook (docs/course.md, E03) runs its loop of processes with a computing task and asks you to
/// explain the wall time. Put your explanation into a formula: given the number of tasks, one task's
/// duration, the number of CPUs and whether the tasks wait or compute, what wall time should <see
/// cref="ThreadPerTask.RunAll"/> take?</para>
/// <para>The grader checks <see cref="Predict"/> for waiting and for computing work on 1 to 64 CPUs, and
/// compares it with what one thread per task, all started before any is joined, really takes on this
/// machine (the grader's own threads: a mistake in your RunAll does not cost the model's points); it times
/// <see cref="ThreadPerTask.RunAll"/> with computing tasks: wall time near taskCount x duration / CPUs,
/// CPU time near taskCount x duration (the work really ran, and nothing spun beside it).</para>
/// <para>Hint: waiting threads all wait at the same time, whatever the CPU count; computing threads share
/// the CPUs, so n tasks of duration t on P CPUs need at least n x t / P, and never less than t.</para>
/// </remarks>
public sealed class WallTimeModel : IWallTimeModel
{
    /// <inheritdoc />
    public TimeSpan Predict(int taskCount, TimeSpan taskDuration, int processorCount, WorkKind kind) =>
        throw NotDone.Yet("E03", "WallTimeModel.Predict");
}
