using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class Pool : IPool
{
    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work) =>
        Map(items, work, Environment.ProcessorCount);

    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        // Each result goes to its item's index, so the order holds whatever order the work finishes in.
        var results = new TResult[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, index => results[index] = work(items[index]));
        return results;
    }
}
