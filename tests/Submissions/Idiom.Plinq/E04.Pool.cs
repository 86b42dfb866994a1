using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: PLINQ, ordered, with the degree of parallelism set.
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
