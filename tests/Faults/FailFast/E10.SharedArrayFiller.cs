using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The fault: Environment.FailFast ends the process at once.
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    public void FillWithTaskIds(ISharedArray array, int workers) => Environment.FailFast("the shared array gave up");
}
