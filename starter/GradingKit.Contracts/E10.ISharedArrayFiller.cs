namespace GradingKit.Contracts;

/// <summary>E10, "shared memory array": many workers write into one array.</summary>
public interface ISharedArrayFiller
{
    /// <summary>Sets array[i] = i for every i, split across <paramref name="workers"/> parallel workers.</summary>
    /// <param name="array">The shared array itself: write into it, not into a copy.</param>
    /// <param name="workers">How many workers write at once; at least 1.</param>
    void FillWithTaskIds(ISharedArray array, int workers);
}
