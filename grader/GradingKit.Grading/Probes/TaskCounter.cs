using System.Diagnostics.Tracing;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Counts the tasks scheduled in this process while it is alive, from the runtime's own TPL
/// events: it sees Task.Run, Task.Factory.StartNew and Parallel.Invoke alike.
/// </summary>
public sealed class TaskCounter : EventListener
{
    private const string TplEventSource = "System.Threading.Tasks.TplEventSource";
    private const EventKeywords TaskEvents = (EventKeywords)0x3; // TaskTransfer | Tasks
    private long scheduled;

    /// <summary>How many tasks were scheduled since this counter was created.</summary>
    public long Scheduled => Interlocked.Read(ref scheduled);

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == TplEventSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, TaskEvents);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "TaskScheduled")
        {
            Interlocked.Increment(ref scheduled);
        }
    }
}
