using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: `workers` threads of Length / workers slots each, and one thread more for the remainder:
// workers + 1 threads write at once whenever Length is not a multiple of workers.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var length = array.Length;
        var chunk = length / workers;
        var ranges = Enumerable.Range(0, workers).Select(worker => (Start: worker * chunk, End: (worker + 1) * chunk)).ToList();
        if (length % workers != 0)
        {
            ranges.Add((workers * chunk, length));
        }

        var threads = ranges.Select(range => new Thread(() =>
        {
            for (var index = range.Start; index < range.End; index++)
            {
                array[index] = index;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
    }
}
