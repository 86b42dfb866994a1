using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a task per item on the concurrent side of a ConcurrentExclusiveSchedulerPair, which runs at
// most `workers` of them at once; Task.WaitAll throws an AggregateException around a failure.
public sealed class Pool : IPool
{
    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work) =>
        Map(items, work, Environment.ProcessorCount);

    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var factory = new TaskFactory(new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, workers).ConcurrentScheduler);
        var tasks = items.Select(item => factory.StartNew(() => work(item))).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(task => task.Result).ToList();
    }
}
