using System.Runtime.ExceptionServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: Task.Run around an ordered PLINQ query that observes the token before each item.
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
                try
                {
                    return items.AsParallel().AsOrdered()
                        .WithDegreeOfParallelism(Math.Min(workers, 512))
                        .WithCancellation(cancellationToken)
                        .Select(item =>
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            return work(item);
                        })
                        .ToList();
                }
                catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
                {
                    ExceptionDispatchInfo.Throw(failure.InnerExceptions[0]);
                    throw;
                }
            },
            cancellationToken);
    }
}
