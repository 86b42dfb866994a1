using System.Runtime.ExceptionServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: exactly `workers` dedicated threads take the next index from a shared counter.
public sealed class Pool : IPool
{
    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work) =>
        Map(items, work, Environment.ProcessorCount);

    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return Workers.Map(items, work, workers, CancellationToken.None);
    }
}

internal static class Workers
{
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken token)
    {
        var results = new TResult[items.Count];
        var next = -1;
        Exception? failure = null;
        var threads = Enumerable.Range(0, Math.Min(workers, Math.Max(items.Count, 1))).Select(_ => new Thread(() =>
        {
            try
            {
                for (var index = Interlocked.Increment(ref next); index < items.Count; index = Interlocked.Increment(ref next))
                {
                    if (token.IsCancellationRequested || Volatile.Read(ref failure) is not null)
                    {
                        return;
                    }

                    results[index] = work(items[index]);
                }
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref failure, exception, null);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        token.ThrowIfCancellationRequested();
        return results;
    }
}
