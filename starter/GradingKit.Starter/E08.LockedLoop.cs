using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E08, Lock: parallel tasks that take turns in their critical section.</summary>
/// <remarks>
/// <para>The notebook (docs/course.md, E08) hands one <c>Lock</c> to every process so that only one at a time
/// prints or updates shared state. The tasks the grader gives you take the lock themselves around their
/// critical section: your job is to run them in parallel and hand them all the same lock.</para>
/// <para>The grader checks that every task gets the same lock and runs once; that their critical sections
/// never overlap; and that the parts outside the lock still run in parallel, so that the wall time is near
/// outside + n x inside, not n x (outside + inside).</para>
/// <para>Hint: create one <see cref="Lock"/> before starting the tasks, then run them as in E02, each with
/// that lock. A lock created per task protects nothing; holding the lock around the whole task serialises it.</para>
/// </remarks>
public sealed class LockedLoop : ILockedLoop
{
    /// <inheritdoc />
    public void RunAll(int taskCount, Action<int, Lock> task) => throw NotDone.Yet("E08", "LockedLoop.RunAll");
}
