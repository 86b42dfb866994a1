using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using GradingKit.Grading.Measuring;
using GradingKit.Grading.Work;

namespace GradingKit.Grading.Session;

/// <summary>
/// Prepares the grading process once: a thread pool that does not punish pool-based solutions
/// for its slow ramp-up, and a process that survives an exception escaping a student's thread.
/// </summary>
public static class GradingSession
{
    private static readonly ConcurrentQueue<Exception> EscapedExceptions = new();
    private static readonly ConcurrentQueue<Exception> EscapedOutsideCalls = new();
    private static readonly ConcurrentQueue<Thread> AbandonedCalls = new();
    private static int started;

    /// <summary>
    /// Whether this process is a grading host that reports to the grade command, which charges an
    /// exercise with what its code did outside its checks, rather than a test runner's.
    /// </summary>
    public static bool Supervised { get; set; }

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

    /// <summary>Remembers a call into student code that did not return in time: its thread still runs.</summary>
    /// <param name="thread">The thread of the call.</param>
    public static void Abandon(Thread thread) => AbandonedCalls.Enqueue(thread);

    /// <summary>
    /// Whether student code left work running in this process: a call that never returned, or
    /// threads that keep a CPU busy while the grader is idle. Timing checks after it would be slowed.
    /// </summary>
    /// <returns>What is still running, or null when the process is quiet.</returns>
    public static string? WorkLeftRunning()
    {
        var hung = AbandonedCalls.Count(thread => thread.IsAlive);
        var idle = Measurement.Of(() => Thread.Sleep(Thresholds.LeftRunning.Window));
        var busy = idle.Cpu > Thresholds.LeftRunning.Window * Thresholds.LeftRunning.CpuShare;
        return (hung, busy) switch
        {
            (0, false) => null,
            (0, true) => $"threads kept {Durations.Format(idle.Cpu)} of CPU busy in {Durations.Format(idle.Wall)} after the checks ended",
            (_, false) => $"{hung} call(s) that never returned are still running",
            _ => $"{hung} call(s) that never returned are still running, and threads kept {Durations.Format(idle.Cpu)} of CPU busy in {Durations.Format(idle.Wall)}",
        };
    }

    /// <summary>
    /// Sets aside the exceptions that escaped since a call into student code last took them: they
    /// escaped outside any call (from a finalizer, a timer, a thread that outlived its call), so no
    /// check can answer for them; the exercise does when it ends (<see cref="TakeEscapedOutsideCalls"/>).
    /// </summary>
    public static void SetAsideEscapedExceptions()
    {
        foreach (var exception in TakeEscapedExceptions())
        {
            EscapedOutsideCalls.Enqueue(exception);
        }
    }

    /// <summary>
    /// Takes the exceptions that escaped outside the calls into student code since the last time. The
    /// garbage left so far is finalized first, so that a finalizer that throws answers in the exercise
    /// whose code left it (the collector would otherwise run it whenever it liked, in a later exercise).
    /// </summary>
    /// <returns>The exceptions, oldest first.</returns>
    public static IReadOnlyList<Exception> TakeEscapedOutsideCalls()
    {
        RunFinalizers();
        SetAsideEscapedExceptions();
        var taken = new List<Exception>();
        while (EscapedOutsideCalls.TryDequeue(out var exception))
        {
            taken.Add(exception);
        }

        return taken;
    }

    /// <summary>Collects the garbage left so far and runs its finalizers, which are student code too (a ~Class() of theirs): waited for on a thread of its own, and not for ever.</summary>
    public static void RunFinalizers()
    {
        GC.Collect();
        var finalizers = new Thread(GC.WaitForPendingFinalizers) { IsBackground = true, Name = "GradingKit finalizers" };
        finalizers.Start();
        finalizers.Join(Thresholds.Settling.FinalizerWait);
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
