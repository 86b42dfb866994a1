using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: Task.Run around Parallel.For; the loop's AggregateException faults the task, not the item's own exception.
public sealed class Futures : IFutures
{
    public Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return Task.Run(() =>
        {
            var results = new TResult[items.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            Parallel.For(0, items.Count, options, index => results[index] = work(items[index]));
            return (IReadOnlyList<TResult>)results;
        }, cancellationToken);
    }
}
