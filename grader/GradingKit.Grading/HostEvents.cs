using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradingKit.Grading;

/// <summary>
/// One event of the grading host (the grader run as `dotnet GradingKit.Grader.dll run`), one JSON
/// line in its events file; the grade command reads them as they come to know what is running.
/// </summary>
/// <param name="Event">exercise-started, test-started, test-finished, exercise-finished or done.</param>
/// <param name="Exercise">The exercise it belongs to.</param>
public sealed record HostEvent(string Event, string? Exercise)
{
    /// <summary>The JSON form of the events file.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The test's full name (test-started, test-finished).</summary>
    public string? Test { get; init; }

    /// <summary>The test method (test-finished).</summary>
    public string? Method { get; init; }

    /// <summary>The test case's name, arguments included (test-finished).</summary>
    public string? Name { get; init; }

    /// <summary>Passed, Failed, Inconclusive, Skipped or Warning (test-finished).</summary>
    public string? Outcome { get; init; }

    /// <summary>NUnit's label, for example Error when the test threw (test-finished).</summary>
    public string? Label { get; init; }

    /// <summary>The failure or inconclusive message (test-finished).</summary>
    public string? Message { get; init; }

    /// <summary>What the test printed: seeds, timing attempts (test-finished).</summary>
    public string? Output { get; init; }

    /// <summary>How long the test took (test-finished).</summary>
    public double? Seconds { get; init; }

    /// <summary>What student code left running (exercise-finished).</summary>
    public string? LeftRunning { get; init; }
}

/// <summary>Appends events to the events file, one JSON line each, flushed at once.</summary>
/// <param name="path">The events file.</param>
public sealed class HostEventWriter(string path) : IDisposable
{
    private readonly StreamWriter writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    private readonly Lock gate = new();

    /// <summary>Writes one event.</summary>
    /// <param name="hostEvent">The event.</param>
    public void Write(HostEvent hostEvent)
    {
        lock (gate)
        {
            writer.Write(JsonSerializer.Serialize(hostEvent, HostEvent.Json) + "\n");
        }
    }

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();
}
