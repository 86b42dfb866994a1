namespace GradingKit.Contracts;

/// <summary>E06, "concurrent.futures": start the work, get a future, await it later.</summary>
public interface IFutures
{
    /// <summary>Starts mapping <paramref name="work"/> over the items and returns at once.</summary>
    /// <typeparam name="TItem">The type of the items.</typeparam>
    /// <typeparam name="TResult">The type of the results.</typeparam>
    /// <param name="items">The items, each handed to <paramref name="work"/> once.</param>
    /// <param name="work">The function to apply to each item.</param>
    /// <param name="workers">How many items may be in flight at once; at least 1.</param>
    /// <param name="cancellationToken">Cancels the run: no further item starts and the task ends canceled.</param>
    /// <returns>A task that completes with the results in the order of <paramref name="items"/>.</returns>
    Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, TResult> work, int workers,
        CancellationToken cancellationToken = default);
}
