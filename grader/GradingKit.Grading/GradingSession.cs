using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace GradingKit.Grading;

/// <summary>
/// Prepares the grading process once: a thread pool that does not punish pool-based solutions
/// for its slow ramp-up, and a process that survives an exception escaping a student's thread.
/// </summary>
public static class GradingSession
{
    private static readonly ConcurrentQueue<Exception> EscapedExceptions = new();
    private static int started;

    /// <summary>Runs once per process, before the first check.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 1)
        {
            return;
        }

        // An unhandled exception on a raw Thread would end the test host and lose every result.
        ExceptionHandling.SetUnhandledExceptionHandler(exception =>
        {
            EscapedExceptions.Enqueue(exception);
            return true;
        });

        // The pool adds threads slowly beyond its minimum; ramp-up is the grader's problem, not the student's.
        var minimum = Math.Max(64, 8 * Environment.ProcessorCount);
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, minimum), Math.Max(io, minimum));
        Parallel.For(0, minimum, _ => Thread.Sleep(1));

        // Calibrated now, on a quiet process, rather than inside the first timed check.
        _ = ComputingWork.Rate;
    }

    /// <summary>Takes the exceptions that escaped threads since the last call.</summary>
    /// <returns>The exceptions, oldest first.</returns>
    public static IReadOnlyList<Exception> TakeEscapedExceptions()
    {
        var taken = new List<Exception>();
        while (EscapedExceptions.TryDequeue(out var exception))
        {
            taken.Add(exception);
        }

        return taken;
    }
}
