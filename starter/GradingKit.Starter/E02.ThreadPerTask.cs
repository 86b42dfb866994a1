using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E02 and E03, a process in a for-loop: one dedicated thread per task.</summary>
/// <remarks>
/// <para>The notebook (docs/course.md, E02 and E03) starts one <c>Process</c> per task in a for-loop, each
/// sleeping one second, then joins them all. How long do 8 such tasks take on your CPU count, and why? Then
/// (E03) the same loop with tasks that compute instead of sleeping: why is the wall time now so
/// different?</para>
/// <para>The grader checks that each index from 0 to taskCount - 1 runs exactly once, each on a dedicated
/// <see cref="Thread"/> of its own (not the caller's, not a thread-pool thread); that every thread is
/// started before any is joined; that <see cref="RunAll"/> returns only after every task has finished;
/// and, with waiting tasks, that the wall time is near one task's duration and the CPU time near zero.</para>
/// <para>Hint: create and <see cref="Thread.Start()"/> all the threads in one loop, then
/// <see cref="Thread.Join()"/> them in a second loop. Joining inside the first loop runs the tasks one
/// after another.</para>
/// </remarks>
public sealed class ThreadPerTask : IThreadPerTask
{
    /// <inheritdoc />
    /// <remarks>E02; E03 times it with computing tasks.</remarks>
    public void RunAll(int taskCount, Action<int> task) => throw NotDone.Yet("E02", "ThreadPerTask.RunAll");
}
