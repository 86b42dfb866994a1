namespace GradingKit.Grading.Boundary;

/// <summary>How a task that student code returned ended, read on a student's thread once it had completed.</summary>
/// <param name="Status">RanToCompletion, Canceled or Faulted.</param>
/// <param name="Faults">
/// The exceptions it faulted with, flattened out of their AggregateExceptions: for their type and
/// identity; their text only through <see cref="StudentCode.MessageOf"/>.
/// </param>
public sealed record TaskEnding(TaskStatus Status, IReadOnlyList<Exception> Faults)
{
    /// <summary>The exceptions the task holds as they are, not flattened: the first is what awaiting it throws.</summary>
    public IReadOnlyList<Exception> Held { get; init; } = [];

    /// <summary>Whether the task ended canceled.</summary>
    public bool IsCanceled => Status == TaskStatus.Canceled;

    /// <summary>Whether the task ended faulted.</summary>
    public bool IsFaulted => Status == TaskStatus.Faulted;
}
