namespace GradingKit.Contracts;

/// <summary>E09, "handle exceptions, as_completed": every task's outcome, failures attributed.</summary>
public interface IExceptionCollector
{
    /// <summary>Runs every task, whatever the others do; one outcome per task, outcome i for task i.</summary>
    /// <typeparam name="TResult">The type of the tasks' values.</typeparam>
    /// <param name="tasks">The tasks; some of them throw.</param>
    /// <param name="workers">How many tasks may run at once; at least 1.</param>
    /// <returns>One outcome per task, in the order of <paramref name="tasks"/>; no exception escapes.</returns>
    IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers);

    /// <summary>The same outcomes, yielded as the tasks complete (concurrent.futures.as_completed).</summary>
    /// <typeparam name="TResult">The type of the tasks' values.</typeparam>
    /// <param name="tasks">The tasks; some of them throw.</param>
    /// <param name="workers">How many tasks may run at once; at least 1.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>One outcome per task, in the order the tasks completed.</returns>
    IAsyncEnumerable<TaskOutcome<TResult>> AsCompleted<TResult>(
        IReadOnlyList<Func<TResult>> tasks, int workers, CancellationToken cancellationToken = default);
}
