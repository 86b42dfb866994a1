using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class WallTimeModel : IWallTimeModel
{
    public TimeSpan Predict(int taskCount, TimeSpan taskDuration, int processorCount, WorkKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(taskDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processorCount);
        if (taskCount == 0)
        {
            return TimeSpan.Zero;
        }

        // Waiting threads all wait at once; computing threads share the processors.
        var shared = taskDuration * taskCount / processorCount;
        return kind == WorkKind.Waiting || shared < taskDuration ? taskDuration : shared;
    }
}
