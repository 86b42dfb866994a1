namespace GradingKit.Contracts;

/// <summary>E03, "interpret the wall time": a model of how long <see cref="IThreadPerTask.RunAll"/> takes.</summary>
public interface IWallTimeModel
{
    /// <summary>The wall time that <see cref="IThreadPerTask.RunAll"/> should take for these tasks.</summary>
    /// <param name="taskCount">How many tasks run, each on its own thread.</param>
    /// <param name="taskDuration">How long one task takes when it has a CPU to itself.</param>
    /// <param name="processorCount">How many CPUs the process may use.</param>
    /// <param name="kind">Whether the tasks wait or compute.</param>
    /// <returns>The predicted wall time of the whole run.</returns>
    TimeSpan Predict(int taskCount, TimeSpan taskDuration, int processorCount, WorkKind kind);
}
