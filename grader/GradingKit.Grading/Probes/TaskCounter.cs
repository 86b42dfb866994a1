using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Counts what a fork-join starts in this process: tasks, from the runtime's own TPL events (Task.Run,
/// Task.Factory.StartNew and Parallel.Invoke alike), and dedicated threads, from its threading events
/// (every thread created, less the thread pool's own workers, which run the tasks). The TPL's events
/// arrive on the thread that schedules the task; the threading events come from the runtime's event
/// dispatcher some milliseconds later, so the counter waits for them at both ends (<see cref="Start"/>,
/// <see cref="Read"/>): a thread of its own marks each end, and the events must then stop coming for
/// <see cref="Thresholds.E12.ThreadEventsQuiet"/>.
/// </summary>
public sealed class TaskCounter : EventListener
{
    private const string TplEventSource = "System.Threading.Tasks.TplEventSource";
    private const EventKeywords TaskEvents = (EventKeywords)0x3; // TaskTransfer | Tasks
    private const string RuntimeEventSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords ThreadingEvents = (EventKeywords)0x10000;

    private long tasks;
    private long threadsCreated;
    private long poolWorkersStarted;
    private long lastThreadEvent = Stopwatch.GetTimestamp();
    private (long Tasks, long Threads) baseline;

    private TaskCounter()
    {
    }

    /// <summary>Whether the runtime's threading events reached the counter: without them, threads go uncounted.</summary>
    public bool SeesThreads { get; private set; }

    /// <summary>A counter that counts from now on: its listening under way, the events of what ran before it seen.</summary>
    /// <returns>The counter; dispose it to stop listening.</returns>
    public static TaskCounter Start()
    {
        var counter = new TaskCounter();
        counter.SeesThreads = counter.Settle();
        counter.baseline = counter.Counts();
        return counter;
    }

    /// <summary>What was started since <see cref="Start"/>, once the runtime has delivered its events.</summary>
    /// <returns>The tasks scheduled and the threads started (the thread pool's workers and the counter's own marker not among them).</returns>
    public (long Tasks, long Threads) Read()
    {
        var settled = Settle() && SeesThreads;
        var (tasksNow, threadsNow) = Counts();
        return (tasksNow - baseline.Tasks, settled ? Math.Max(0, threadsNow - baseline.Threads - 1) : 0);
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == TplEventSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, TaskEvents);
        }
        else if (eventSource.Name == RuntimeEventSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, ThreadingEvents);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventName)
        {
            case "TaskScheduled":
                Interlocked.Increment(ref tasks);
                break;
            case "ThreadCreating":
                Interlocked.Increment(ref threadsCreated);
                Volatile.Write(ref lastThreadEvent, Stopwatch.GetTimestamp());
                break;
            case "ThreadPoolWorkerThreadStart":
                Interlocked.Increment(ref poolWorkersStarted);
                Volatile.Write(ref lastThreadEvent, Stopwatch.GetTimestamp());
                break;
        }
    }

    private (long Tasks, long Threads) Counts() =>
        (Interlocked.Read(ref tasks), Interlocked.Read(ref threadsCreated) - Interlocked.Read(ref poolWorkersStarted));

    /// <summary>Starts a marker thread and waits until its creation was reported and the threading events stopped coming; false where they never came.</summary>
    private bool Settle()
    {
        var before = Interlocked.Read(ref threadsCreated);
        var marker = new Thread(() => { }) { IsBackground = true, Name = "GradingKit task counter" };
        marker.Start();
        marker.Join();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Thresholds.E12.ThreadEventsWait)
        {
            if (Interlocked.Read(ref threadsCreated) > before && Stopwatch.GetElapsedTime(Volatile.Read(ref lastThreadEvent)) >= Thresholds.E12.ThreadEventsQuiet)
            {
                return true;
            }

            Thread.Sleep(5);
        }

        return false;
    }
}
