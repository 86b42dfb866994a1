using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class Futures : IFutures
{
    public Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return Run(items, work, workers, cancellationToken);
    }

    private static async Task<IReadOnlyList<TResult>> Run<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken)
    {
        // Yield first: the caller gets its task back before any work runs on its thread.
        await Task.Yield();
        var results = new TResult[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, (index, _) =>
        {
            results[index] = work(items[index]);
            return ValueTask.CompletedTask;
        });
        return results;
    }
}
