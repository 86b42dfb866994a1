using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a task per item, throttled by a SemaphoreSlim of `workers` permits.
public sealed class Pool : IPool
{
    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work) =>
        Map(items, work, Environment.ProcessorCount);

    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var results = new TResult[items.Count];
        Task.WhenAll(Throttled.Run(items.Count, workers, CancellationToken.None, index => results[index] = work(items[index]))).GetAwaiter().GetResult();
        return results;
    }
}

internal static class Throttled
{
    public static IEnumerable<Task> Run(int count, int workers, CancellationToken token, Action<int> body)
    {
        var permits = new SemaphoreSlim(workers);
        return Enumerable.Range(0, count).Select(index => Task.Run(async () =>
        {
            await permits.WaitAsync(token);
            try
            {
                token.ThrowIfCancellationRequested();
                body(index);
            }
            finally
            {
                permits.Release();
            }
        })).ToList();
    }
}
