namespace GradingKit.Contracts;

/// <summary>E04 and E05, "Pool.map": a pool of workers that maps a function over items.</summary>
public interface IPool
{
    /// <summary>Maps <paramref name="work"/> over the items with a pool of <see cref="Environment.ProcessorCount"/> workers (E04).</summary>
    /// <typeparam name="TItem">The type of the items.</typeparam>
    /// <typeparam name="TResult">The type of the results.</typeparam>
    /// <param name="items">The items, each handed to <paramref name="work"/> once.</param>
    /// <param name="work">The function to apply to each item.</param>
    /// <returns>The results, in the order of <paramref name="items"/>.</returns>
    IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work);

    /// <summary>Maps <paramref name="work"/> over the items with a pool of exactly <paramref name="workers"/> workers (E05).</summary>
    /// <typeparam name="TItem">The type of the items.</typeparam>
    /// <typeparam name="TResult">The type of the results.</typeparam>
    /// <param name="items">The items, each handed to <paramref name="work"/> once.</param>
    /// <param name="work">The function to apply to each item.</param>
    /// <param name="workers">How many items may be in flight at once; at least 1.</param>
    /// <returns>The results, in the order of <paramref name="items"/>.</returns>
    IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers);
}
