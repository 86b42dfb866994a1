using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: batches of `workers` tasks, each awaited whole before the next batch starts.
public sealed class Futures : IFutures
{
    public Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return RunAsync(items, work, workers, cancellationToken);
    }

    private static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken)
    {
        var results = new List<TResult>(items.Count);
        foreach (var batch in items.Chunk(workers))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.AddRange(await Task.WhenAll(batch.Select(item => Task.Run(() => work(item), cancellationToken))));
        }

        return results;
    }
}
