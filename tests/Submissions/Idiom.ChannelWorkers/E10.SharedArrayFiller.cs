using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: the channel of worker numbers, each worker filling its contiguous range.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var length = array.Length;
        ChannelWorkers.Run(workers, workers, CancellationToken.None, worker =>
        {
            for (var index = length * worker / workers; index < length * (worker + 1) / workers; index++)
            {
                array[index] = index;
            }
        }).GetAwaiter().GetResult();
    }
}
