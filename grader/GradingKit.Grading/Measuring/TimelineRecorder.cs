using System.Collections.Concurrent;
using System.Diagnostics;

namespace GradingKit.Grading.Measuring;

/// <summary>
/// Records a timed run's <see cref="Timeline"/>: the grader's tasks record themselves
/// (<see cref="Wait"/>, <see cref="Task"/>) while a timed call runs (<see cref="Record"/>); timing
/// checks run one at a time, so one recording at a time is all there is.
/// </summary>
public static class TimelineRecorder
{
    private static Recording? recording;

    /// <summary>Runs <paramref name="run"/> (the timed call) and records the grader's tasks meanwhile.</summary>
    /// <param name="run">The call.</param>
    /// <returns>The picture of the run.</returns>
    public static Timeline Record(Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var current = new Recording();
        Volatile.Write(ref recording, current);
        try
        {
            run();
        }
        finally
        {
            Volatile.Write(ref recording, null);
        }

        return new Timeline([.. current.Spans], Stopwatch.GetElapsedTime(current.Start));
    }

    /// <summary>The grader's waiting work: waits for <paramref name="duration"/>, recorded as a task when a run is being recorded.</summary>
    /// <param name="duration">How long to wait.</param>
    public static void Wait(TimeSpan duration) => Task(() => Thread.Sleep(duration));

    /// <summary>Runs one of the grader's tasks, recorded when a run is being recorded.</summary>
    /// <param name="work">The task.</param>
    public static void Task(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var current = Volatile.Read(ref recording);
        if (current is null)
        {
            work();
            return;
        }

        var start = Stopwatch.GetElapsedTime(current.Start);
        try
        {
            work();
        }
        finally
        {
            current.Spans.Enqueue(new TimelineSpan(Environment.CurrentManagedThreadId, start, Stopwatch.GetElapsedTime(current.Start)));
        }
    }

    private sealed class Recording
    {
        public long Start { get; } = Stopwatch.GetTimestamp();

        public ConcurrentQueue<TimelineSpan> Spans { get; } = new();
    }
}
