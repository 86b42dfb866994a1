using System.Runtime.CompilerServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: the tasks on a scheduler that runs at most `workers` at once; as_completed as a loop over
// Task.WhenAny, yielding each task's outcome as it completes.
public sealed class ExceptionCollector : IExceptionCollector
{
    public IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var started = Start(tasks, workers, CancellationToken.None);
        Task.WaitAll(started);
        return started.Select(task => task.Result).ToList();
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
        var pending = Start(tasks, workers, cancellationToken).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).WaitAsync(cancellationToken);
            pending.Remove(done);
            yield return await done;
        }
    }

    private static Task<TaskOutcome<TResult>>[] Start<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers, CancellationToken cancellationToken)
    {
        var factory = new TaskFactory(cancellationToken, TaskCreationOptions.None, TaskContinuationOptions.None,
            new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, workers).ConcurrentScheduler);
        return tasks.Select((task, index) => factory.StartNew(() => Run(task, index))).ToArray();
    }

    private static TaskOutcome<TResult> Run<TResult>(Func<TResult> task, int index)
    {
        try
        {
            return TaskOutcome<TResult>.Success(index, task());
        }
        catch (Exception exception)
        {
            return TaskOutcome<TResult>.Failure(index, exception);
        }
    }
}
