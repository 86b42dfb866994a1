using System.Runtime.ExceptionServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: one background thread per task, all started, then one wait on a CountdownEvent that each
// thread signals when its task has finished (instead of joining the threads one by one).
public sealed class ThreadPerTask : IThreadPerTask
{
    public void RunAll(int taskCount, Action<int> task)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentNullException.ThrowIfNull(task);

        using var finished = new CountdownEvent(taskCount);
        Exception? failure = null;
        for (var index = 0; index < taskCount; index++)
        {
            var taskIndex = index;
            new Thread(() =>
            {
                try
                {
                    task(taskIndex);
                }
                catch (Exception exception)
                {
                    Interlocked.CompareExchange(ref failure, exception, null);
                }
                finally
                {
                    finished.Signal();
                }
            }) { IsBackground = true }.Start();
        }

        finished.Wait();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
