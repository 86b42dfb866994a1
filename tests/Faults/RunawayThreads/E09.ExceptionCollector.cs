using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The fault: every call leaves a thread behind that keeps a CPU busy for ever.
public sealed class ExceptionCollector : IExceptionCollector
{
    public IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        new Thread(() =>
        {
            while (true)
            {
                Thread.SpinWait(1000);
            }
        }) { IsBackground = false }.Start();

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
