using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E10, shared memory array: many workers write into one array.</summary>
/// <remarks>
/// <para>Processes in Python (docs/course.md, E10) need a <c>multiprocessing.Array</c> to share memory;
/// threads in .NET share the whole heap. Each worker writes its own part of the array, so no slot is written
/// by two workers and no lock is needed.</para>
/// <para>The grader passes its own <see cref="ISharedArray"/> and checks that every slot is written exactly
/// once, with its own index; that the writes land in the array passed in, not in a copy; that exactly
/// <c>workers</c> workers write at once, never more; and, with an array whose every write is slow, that
/// filling it takes about the time of one worker's share.</para>
/// <para>Hint: split 0 .. Length - 1 into <c>workers</c> contiguous ranges and run one worker per range, for
/// example with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> over the range numbers.</para>
/// </remarks>
public sealed class SharedArrayFiller : ISharedArrayFiller
{
    /// <inheritdoc />
    public void FillWithTaskIds(ISharedArray array, int workers) => throw NotDone.Yet("E10", "SharedArrayFiller.FillWithTaskIds");
}
