using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: one Task.Run per worker, each filling its own slice of the array.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var length = array.Length;
        var slice = (length + workers - 1) / workers;
        var fillers = Enumerable.Range(0, workers).Select(worker => Task.Run(() =>
        {
            for (var index = worker * slice; index < Math.Min(length, (worker + 1) * slice); index++)
            {
                array[index] = index;
            }
        }));
        Task.WaitAll(fillers.ToArray());
    }
}
