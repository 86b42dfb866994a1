using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class ExceptionCollector : IExceptionCollector
{
    public IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        // The mistake: the tasks run one after another.
        return Enumerable.Range(0, tasks.Count).Select(index => Run(tasks, index)).ToList();
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
        // Workers write each outcome the moment its task ends; the reader yields them in that order.
        var completed = Channel.CreateUnbounded<TaskOutcome<TResult>>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        var producer = Parallel.ForEachAsync(Enumerable.Range(0, tasks.Count), options, async (index, token) =>
            await completed.Writer.WriteAsync(Run(tasks, index), token));
        _ = producer.ContinueWith(done => completed.Writer.Complete(done.Exception), TaskScheduler.Default);

        await foreach (var outcome in completed.Reader.ReadAllAsync(cancellationToken))
        {
            yield return outcome;
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
