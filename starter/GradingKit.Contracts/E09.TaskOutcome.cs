namespace GradingKit.Contracts;

/// <summary>What one task of E09 came to: its value, or the exception it threw.</summary>
/// <typeparam name="TResult">The type of the task's value.</typeparam>
public sealed class TaskOutcome<TResult>
{
    private TaskOutcome(int taskIndex, TResult? value, Exception? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskIndex);
        TaskIndex = taskIndex;
        Value = value;
        Error = error;
    }

    /// <summary>The index of the task in the list of tasks.</summary>
    public int TaskIndex { get; }

    /// <summary>The value the task returned; default when it failed.</summary>
    public TResult? Value { get; }

    /// <summary>The very exception object the task threw; null when it succeeded.</summary>
    public Exception? Error { get; }

    /// <summary>Whether the task returned a value (<see cref="Error"/> is null).</summary>
    public bool Succeeded => Error is null;

    /// <summary>The outcome of a task that returned <paramref name="value"/>.</summary>
    /// <param name="taskIndex">The index of the task.</param>
    /// <param name="value">What the task returned.</param>
    /// <returns>A successful outcome.</returns>
    public static TaskOutcome<TResult> Success(int taskIndex, TResult value) => new(taskIndex, value, null);

    /// <summary>The outcome of a task that threw <paramref name="error"/>.</summary>
    /// <param name="taskIndex">The index of the task.</param>
    /// <param name="error">The exception the task threw, itself: not a copy, not a wrapper.</param>
    /// <returns>A failed outcome.</returns>
    public static TaskOutcome<TResult> Failure(int taskIndex, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(taskIndex, default, error);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Succeeded ? $"task {TaskIndex}: {Value}" : $"task {TaskIndex}: {Error!.GetType().Name}: {Error.Message}";
}
