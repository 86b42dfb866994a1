using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: one loop fills the whole array.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        for (var index = 0; index < array.Length; index++)
        {
            array[index] = index;
        }
    }
}
