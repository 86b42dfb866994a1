namespace GradingKit.Contracts;

/// <summary>E07, "merge for-loop results": combine what parallel tasks return.</summary>
public interface IResultMerger
{
    /// <summary>Runs task(0) .. task(taskCount - 1) in parallel and returns the sum of what they returned.</summary>
    /// <param name="taskCount">How many tasks to run.</param>
    /// <param name="task">The task, called once with each index.</param>
    /// <returns>The sum of the values the tasks returned.</returns>
    double SumResults(int taskCount, Func<int, double> task);
}
