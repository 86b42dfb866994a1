using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradingKit.Protocol;

/// <summary>What a grading host's event says happened; written as kebab-case strings (exercise-started).</summary>
public enum HostEventKind
{
    /// <summary>The host began an exercise.</summary>
    ExerciseStarted,

    /// <summary>A test of the running exercise began.</summary>
    TestStarted,

    /// <summary>The test that began last ended, with its outcome.</summary>
    TestFinished,

    /// <summary>The running exercise ended, perhaps leaving work running.</summary>
    ExerciseFinished,

    /// <summary>Every exercise of the host's plan was graded.</summary>
    Done,
}

/// <summary>
/// One event of the grading host (the grader run as `dotnet GradingKit.Grader.dll run`), the
/// payload of one line of its events file (<see cref="HostChannel"/>); the grade command reads
/// them as they come to know what is running.
/// </summary>
/// <param name="Event">What happened.</param>
/// <param name="Exercise">The exercise it belongs to.</param>
public sealed record HostEvent(HostEventKind Event, string? Exercise)
{
    /// <summary>The JSON form of an event.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter<HostEventKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
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

    /// <summary>Whether the test is a timing check, one that an undecided machine may leave inconclusive (test-finished; null for the others).</summary>
    public bool? Timed { get; init; }

    /// <summary>How long the test took (test-finished).</summary>
    public double? Seconds { get; init; }

    /// <summary>A timing check's picture of the attempt that decided it (test-finished).</summary>
    public TimedPicture? Picture { get; init; }

    /// <summary>The exceptions that escaped student code's threads outside its calls, a finalizer's for one (exercise-finished).</summary>
    public string? Escaped { get; init; }

    /// <summary>What student code left running (exercise-finished).</summary>
    public string? LeftRunning { get; init; }

    /// <summary>
    /// Whether the exercise left more timers armed than it found (exercise-finished; null for no): a
    /// timer of student code that fires later would throw into the next exercise's checks, so the host
    /// stops after it, without a fault, and the next exercise starts in a fresh process.
    /// </summary>
    public bool? LeftTimers { get; init; }
}
