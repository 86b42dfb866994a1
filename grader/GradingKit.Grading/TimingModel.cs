using GradingKit.Contracts;

namespace GradingKit.Grading;

/// <summary>The ideal wall time of n tasks of duration t on k workers and P processors (grading.md, "Timing").</summary>
public static class TimingModel
{
    /// <summary>Waiting work: ceil(n / k) x t. Computing work: max(ceil(n / k) x t, n x t / P).</summary>
    /// <param name="taskCount">n, the number of tasks.</param>
    /// <param name="taskDuration">t, one task's duration on a CPU of its own.</param>
    /// <param name="workers">k, the workers (k = n for one thread per task).</param>
    /// <param name="processorCount">P, the processors.</param>
    /// <param name="kind">Whether the tasks wait or compute.</param>
    /// <returns>The ideal wall time.</returns>
    public static TimeSpan IdealWallTime(int taskCount, TimeSpan taskDuration, int workers, int processorCount, WorkKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processorCount);
        var rounds = taskDuration * ((taskCount + workers - 1) / workers);
        if (kind == WorkKind.Waiting)
        {
            return rounds;
        }

        var shared = taskDuration * taskCount / processorCount;
        return rounds > shared ? rounds : shared;
    }
}
