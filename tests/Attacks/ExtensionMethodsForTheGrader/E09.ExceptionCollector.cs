using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class ExceptionCollector : IExceptionCollector
{
    public IReadOnlyList<TaskOutcome<TResult>> RunAll<TResult>(IReadOnlyList<Func<TResult>> tasks, int workers) => [];

    public async IAsyncEnumerable<TaskOutcome<TResult>> AsCompleted<TResult>(
        IReadOnlyList<Func<TResult>> tasks, int workers, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield break;
    }
}
