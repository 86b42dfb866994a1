using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers)
    {
        unsafe
        {
            var value = 1.0;
            var pointer = &value;
            *(pointer + 1) = 2.0;
        }
    }
}
