using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: items in batches of `workers` tasks, each batch waited for before the next starts,
// so a worker whose item ends early stands idle until the slowest item of its batch ends.
public sealed class Pool : IPool
{
    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work) =>
        Map(items, work, Environment.ProcessorCount);

    public IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var results = new List<TResult>(items.Count);
        foreach (var batch in items.Chunk(workers))
        {
            var tasks = batch.Select(item => Task.Run(() => work(item))).ToArray();
            Task.WaitAll(tasks);
            results.AddRange(tasks.Select(task => task.Result));
        }

        return results;
    }
}
