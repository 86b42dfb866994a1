using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: the same channel of indices and worker tasks, awaited.
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
        var results = new TResult[items.Count];
        await ChannelWorkers.Run(items.Count, workers, cancellationToken, index => results[index] = work(items[index]));
        return results;
    }
}
