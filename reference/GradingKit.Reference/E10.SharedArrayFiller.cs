using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        // One contiguous range per worker, as even as possible: no slot shared, none skipped.
        var length = array.Length;
        var ranges = Math.Min(workers, Math.Max(length, 1));
        Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = ranges }, range =>
        {
            var end = (int)((long)length * (range + 1) / ranges);
            for (var index = (int)((long)length * range / ranges); index < end; index++)
            {
                array[index] = index;
            }
        });
    }
}
