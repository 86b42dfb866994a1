using System.Runtime.CompilerServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: the tasks in batches of `workers`; a batch must end whole before the next one starts.
public sealed class ExceptionCollector : IExceptionCollector
{
    public IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var outcomes = new List<TaskOutcome<TResult>>(tasks.Count);
        foreach (var batch in Enumerable.Range(0, tasks.Count).Chunk(workers))
        {
            var running = batch.Select(index => Task.Run(() => Run(tasks, index))).ToArray();
            Task.WaitAll(running);
            outcomes.AddRange(running.Select(task => task.Result));
        }

        return outcomes;
    }

    public IAsyncEnumerable<TaskOutcome<TResult>> AsCompleted<TResult>(
        IReadOnlyList<Func<TResult>> tasks, int workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return Stream(tasks, workers, cancellationToken);
    }

    private static async IAsyncEnumerable<TaskOutcome<TResult>> Stream<TResult>(
        IReadOnlyList<Func<TResult>> tasks, int workers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var batch in Enumerable.Range(0, tasks.Count).Chunk(workers))
        {
            var running = batch.Select(index => Task.Run(() => Run(tasks, index), cancellationToken));
            await foreach (var done in Task.WhenEach(running).WithCancellation(cancellationToken))
            {
                yield return await done;
            }
        }
    }

    private static TaskOutcome<TResult> Run<TResult>(IReadOnlyList<Func<TResult>> tasks, int index)
    {
        try
        {
            return TaskOutcome<TResult>.Success(index, tasks[index]());
        }
        catch (Exception exception)
        {
            return TaskOutcome<TResult>.Failure(index, exception);
        }
    }
}
