using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a task per contiguous range, throttled by the same SemaphoreSlim helper as the pool.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var length = array.Length;
        Task.WhenAll(Throttled.Run(workers, workers, CancellationToken.None, worker =>
        {
            for (var index = length * worker / workers; index < length * (worker + 1) / workers; index++)
            {
                array[index] = index;
            }
        })).GetAwaiter().GetResult();
    }
}
