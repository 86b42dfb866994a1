namespace GradingKit.Contracts;

/// <summary>An array of integers shared by every worker (given; the grader passes its own to E10).</summary>
public interface ISharedArray
{
    /// <summary>The number of slots.</summary>
    int Length { get; }

    /// <summary>Reads or writes one slot.</summary>
    /// <param name="index">The slot, 0 to <see cref="Length"/> - 1.</param>
    int this[int index] { get; set; }
}
