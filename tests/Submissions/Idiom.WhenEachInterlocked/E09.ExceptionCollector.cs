using System.Runtime.CompilerServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class ExceptionCollector : IExceptionCollector
{
    public IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var outcomes = new TaskOutcome<TResult>[tasks.Count];
        Parallel.For(0, tasks.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, index => outcomes[index] = Run(tasks, index));
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
        // Idiom: a task per item, `workers` at a time, yielded with Task.WhenEach as each completes.
        using var permits = new SemaphoreSlim(workers);
        var running = Enumerable.Range(0, tasks.Count).Select(index => Task.Run(
            async () =>
            {
                await permits.WaitAsync(cancellationToken);
                try
                {
                    return Run(tasks, index);
                }
                finally
                {
                    permits.Release();
                }
            },
            cancellationToken)).ToList();
        await foreach (var done in Task.WhenEach(running).WithCancellation(cancellationToken))
        {
            yield return await done;
        }
    }

    // The very exception object goes into the outcome: no wrapper, no copy.
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
