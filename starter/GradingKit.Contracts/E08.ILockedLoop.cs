namespace GradingKit.Contracts;

/// <summary>E08, "Lock": parallel tasks that share one lock.</summary>
public interface ILockedLoop
{
    /// <summary>Runs the tasks in parallel, handing each the one lock that they share.</summary>
    /// <param name="taskCount">How many tasks to run.</param>
    /// <param name="task">The task, called once with each index and the shared lock.</param>
    void RunAll(int taskCount, Action<int, System.Threading.Lock> task);
}
