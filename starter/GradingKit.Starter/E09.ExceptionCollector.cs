using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E09, handle exceptions, as_completed: every task's outcome, each failure attributed to its task.</summary>
/// <remarks>
/// <para>When one of many parallel tasks throws, the others should still run, and the caller should learn
/// which task failed and why. The notebook (docs/course.md, E09) then uses <c>as_completed</c> to handle
/// results as soon as each task ends, rather than in the order the tasks were submitted.</para>
/// <para>The grader makes random tasks fail and checks that <see cref="RunAll{TResult}"/> returns outcome i
/// for task i, with the very exception object each failing task threw and the value of every other task;
/// that every task runs even after failures, <c>workers</c> at a time (never more at once; wall time near
/// ceil(n / workers) x duration); that no exception escapes; and that
/// <see cref="AsCompleted{TResult}"/> yields each outcome as soon as its task completes, in completion order,
/// its tasks too running <c>workers</c> at a time.</para>
/// <para>Hint: catch inside each task and record <see cref="TaskOutcome{TResult}.Failure"/> with the caught
/// exception itself. For AsCompleted, let the workers write outcomes into a
/// <see cref="System.Threading.Channels.Channel"/> (or use <c>Task.WhenEach</c> over tasks that a bounded
/// pool runs) and yield them from an async iterator.</para>
/// </remarks>
public sealed class ExceptionCollector : IExceptionCollector
{
    /// <inheritdoc />
    public IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers) =>
        throw NotDone.Yet("E09", "ExceptionCollector.RunAll");

    /// <inheritdoc />
    public IAsyncEnumerable<TaskOutcome<TResult>> AsCompleted<TResult>(
        IReadOnlyList<Func<TResult>> tasks, int workers, CancellationToken cancellationToken = default) =>
        throw NotDone.Yet("E09", "ExceptionCollector.AsCompleted");
}
