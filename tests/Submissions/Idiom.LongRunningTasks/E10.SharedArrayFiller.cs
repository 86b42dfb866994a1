using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: one long-running task per contiguous range.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var length = array.Length;
        Task.WaitAll(Enumerable.Range(0, workers).Select(worker => Task.Factory.StartNew(
            () =>
            {
                for (var index = length * worker / workers; index < length * (worker + 1) / workers; index++)
                {
                    array[index] = index;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
    }
}
