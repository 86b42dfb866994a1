using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: PLINQ, ordered, with the pool's size as its degree of parallelism.
public sealed class Pool : IPool
{
    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work) =>
        Map(items, work, Environment.ProcessorCount);

    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        return items.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Min(workers, 512)).Select(work).ToList();
    }
}
