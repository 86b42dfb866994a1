namespace GradingKit.Contracts;

/// <summary>What a task spends its time on (E03).</summary>
public enum WorkKind
{
    /// <summary>The task mostly waits (sleeps, reads a socket): it needs almost no CPU.</summary>
    Waiting,

    /// <summary>The task computes: it keeps one CPU busy for its whole duration.</summary>
    Computing,
}
