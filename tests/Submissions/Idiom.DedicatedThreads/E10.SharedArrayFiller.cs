using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: one dedicated thread per contiguous range.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var length = array.Length;
        var threads = Enumerable.Range(0, workers).Select(worker => new Thread(() =>
        {
            for (var index = length * worker / workers; index < length * (worker + 1) / workers; index++)
            {
                array[index] = index;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
    }
}
