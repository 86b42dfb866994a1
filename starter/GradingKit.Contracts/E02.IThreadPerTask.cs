namespace GradingKit.Contracts;

/// <summary>E02 and E03, "a process in a for-loop": one dedicated thread per task.</summary>
public interface IThreadPerTask
{
    /// <summary>
    /// Start one dedicated thread per task, start them all, and return once every task has finished.
    /// </summary>
    /// <param name="taskCount">How many tasks to run; task indices are 0 to <paramref name="taskCount"/> - 1.</param>
    /// <param name="task">The task, called once with each index, each call on its own thread.</param>
    void RunAll(int taskCount, Action<int> task);
}
