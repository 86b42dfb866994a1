using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: Parallel.ForEach over the items, bounded by MaxDegreeOfParallelism, each result at its item's index.
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
        Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = workers }, (item, _, index) => results[index] = work(item));
        return results;
    }
}
