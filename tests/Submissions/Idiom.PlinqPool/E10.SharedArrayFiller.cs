using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: Parallel.For over every index, at most `workers` at once.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        Parallel.For(0, array.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, index => array[index] = index);
    }
}
