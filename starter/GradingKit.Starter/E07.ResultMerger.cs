using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E07, merge for-loop results: add up what parallel tasks return.</summary>
/// <remarks>
/// <para>The notebook's tasks (docs/course.md, E07) each compute a partial result that must be combined.
/// Several threads adding to one variable at once lose updates: <c>sum += x</c> is a read, an add and a
/// write, and another thread can write in between.</para>
/// <para>The grader checks that <see cref="SumResults"/> equals the sum of what the tasks returned; that
/// 100,000 tiny tasks returning 1.0 sum to exactly 100,000 (lost updates fail); that each task runs once; and
/// that waiting tasks run in parallel, at least as many at once as there are CPUs (wall time near
/// ceil(n / CPUs) x duration).</para>
/// <para>Hint: keep a subtotal per worker and merge the subtotals once, under a lock:
/// <see cref="Parallel.For{TLocal}(int, int, Func{TLocal}, Func{int, ParallelLoopState, TLocal, TLocal}, Action{TLocal})"/>
/// has a localInit and a localFinally for exactly that.</para>
/// </remarks>
public sealed class ResultMerger : IResultMerger
{
    /// <inheritdoc />
    public double SumResults(int taskCount, Func<int, double> task) => throw NotDone.Yet("E07", "ResultMerger.SumResults");
}
