using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: the task is returned at once, but inside it the items run one after another.
public sealed class Futures : IFutures
{
    public Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return Task.Run<IReadOnlyList<TResult>>(
            () =>
            {
                var results = new List<TResult>();
                foreach (var item in items)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results.Add(work(item));
                }

                return results;
            },
            cancellationToken);
    }
}
