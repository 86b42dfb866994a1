using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: PLINQ over the worker numbers, each filling its contiguous range.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var length = array.Length;
        ParallelEnumerable.Range(0, workers).WithDegreeOfParallelism(Math.Min(workers, 512)).ForAll(worker =>
        {
            for (var index = length * worker / workers; index < length * (worker + 1) / workers; index++)
            {
                array[index] = index;
            }
        });
    }
}
