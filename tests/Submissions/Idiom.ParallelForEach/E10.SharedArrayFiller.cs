using System.Collections.Concurrent;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: Parallel.ForEach over `workers` ranges from a range partitioner.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var length = array.Length;
        if (length == 0)
        {
            return;
        }

        var rangeSize = (length + workers - 1) / workers;
        Parallel.ForEach(Partitioner.Create(0, length, rangeSize), new ParallelOptions { MaxDegreeOfParallelism = workers }, range =>
        {
            for (var index = range.Item1; index < range.Item2; index++)
            {
                array[index] = index;
            }
        });
    }
}
