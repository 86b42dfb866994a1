using System.Threading.Channels;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a channel of item indices read by exactly `workers` worker tasks.
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
        ChannelWorkers.Run(items.Count, workers, CancellationToken.None, index => results[index] = work(items[index])).GetAwaiter().GetResult();
        return results;
    }
}

internal static class ChannelWorkers
{
    public static Task Run(int count, int workers, CancellationToken token, Action<int> body)
    {
        var queue = Channel.CreateBounded<int>(count == 0 ? 1 : count);
        for (var index = 0; index < count; index++)
        {
            queue.Writer.TryWrite(index);
        }

        queue.Writer.Complete();
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                await foreach (var index in queue.Reader.ReadAllAsync(token))
                {
                    token.ThrowIfCancellationRequested();
                    body(index);
                }
            },
            token)));
    }
}
