using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E06, concurrent.futures: start the work now, collect the results later.</summary>
/// <remarks>
/// <para>The notebook's <c>executor.submit</c> (docs/course.md, E06) returns a future at once; the caller
/// does other things and asks for the result when it needs it. In .NET a future is a <see
/// cref="Task{TResult}"/>.</para>
/// <para>The grader checks that <see cref="MapAsync"/> hands back its task before the work is done; that the
/// task completes with the results in the order of the items; that at most <c>workers</c> items are in flight
/// at once, and that many with waiting work, so that the wall time is near ceil(n / workers) x duration; that
/// an item's exception faults the task with that very exception object; and that canceling the token ends
/// the task as canceled without starting further items.</para>
/// <para>Hint: <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// with <see cref="ParallelOptions.MaxDegreeOfParallelism"/> and <see cref="ParallelOptions.CancellationToken"/>,
/// in an async method that first does <c>await Task.Yield()</c> so the caller gets its task back at once.</para>
/// </remarks>
public sealed class Futures : IFutures
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken = default) =>
        throw NotDone.Yet("E06", "Futures.MapAsync");
}
