using System.Runtime.ExceptionServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: Task.Run around Parallel.ForEach, its own AggregateException unwrapped.
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
                var results = new TResult[items.Count];
                try
                {
                    var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
                    Parallel.ForEach(items, options, (item, _, index) => results[index] = work(item));
                }
                catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
                {
                    ExceptionDispatchInfo.Throw(failure.InnerExceptions[0]);
                }

                return results;
            },
            cancellationToken);
    }
}
