using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: `workers` long-running tasks (a thread each) take the next index from a shared counter.
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
        Task.WaitAll(Workers.Start(items.Count, workers, CancellationToken.None, index => results[index] = work(items[index])));
        return results;
    }
}

internal static class Workers
{
    public static Task[] Start(int count, int workers, CancellationToken token, Action<int> body)
    {
        var next = -1;
        return Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
                {
                    token.ThrowIfCancellationRequested();
                    body(index);
                }
            },
            token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
    }
}
