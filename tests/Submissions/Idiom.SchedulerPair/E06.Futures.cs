using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a task per item on a scheduler that runs at most `workers` at once, awaited together.
public sealed class Futures : IFutures
{
    public Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var factory = new TaskFactory(cancellationToken, TaskCreationOptions.None, TaskContinuationOptions.None,
            new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, workers).ConcurrentScheduler);
        var tasks = items.Select(item => factory.StartNew(() => work(item))).ToArray();
        return Collect(tasks);
    }

    private static async Task<IReadOnlyList<TResult>> Collect<TResult>(Task<TResult>[] tasks) => await Task.WhenAll(tasks);
}
