using System.Text;

namespace GradingKit.Cli;

/// <summary>
/// What one grading host reported, as far as the supervisor can trust it: the lines of its events
/// file (<see cref="HostChannel"/>) that carry the host's MAC and the next number, in an order its
/// plan allows. Exercises start one at a time in the plan's order; a test finishes only after it
/// started, inside its exercise; done comes once every exercise finished. The first line that is not
/// such an event is a forgery, or a corruption: nothing after it is read, and it is the fault of the
/// exercise that was running, or else of the first one not finished.
/// </summary>
internal sealed class HostReport : IDisposable
{
    private readonly StreamReader file;
    private readonly byte[] key;
    private readonly IReadOnlyList<string> plan;
    private readonly StringBuilder pending = new();
    private readonly List<ExerciseRun> finished = [];
    private List<HostEvent> tests = [];
    private long sequence;

    /// <summary>Opens the host's events file, which must exist.</summary>
    /// <param name="events">The events file.</param>
    /// <param name="key">The host's key.</param>
    /// <param name="plan">The exercises the host was asked to grade, in order.</param>
    public HostReport(string events, byte[] key, IReadOnlyList<string> plan)
    {
        file = new StreamReader(new FileStream(events, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        this.key = key;
        this.plan = plan;
    }

    /// <summary>The exercises the host was asked to grade, in order.</summary>
    public IReadOnlyList<string> Plan => plan;

    /// <summary>The exercise running, if any.</summary>
    public string? Running { get; private set; }

    /// <summary>The test of the running exercise that started and has not finished, if any.</summary>
    public string? RunningTest { get; private set; }

    /// <summary>Whether the host reported anything at all.</summary>
    public bool Began => sequence > 0;

    /// <summary>Whether the host reported every exercise of its plan graded.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether the last event ended an exercise that left work running: the one reason for the host to stop before done.</summary>
    public bool StoppedForWorkLeftRunning { get; private set; }

    /// <summary>Whether a line was not an event the host wrote, or came out of order: then nothing more is read.</summary>
    public bool Forged { get; private set; }

    /// <summary>The exercise a fault of the host belongs to: the running one, else the first of the plan not finished; none once all finished.</summary>
    public string? Unfinished => Running ?? plan.Skip(finished.Count).FirstOrDefault();

    /// <summary>Reads the lines written since the last call; a line is not an event until its line break arrives.</summary>
    /// <param name="hostEnded">Whether the host has exited: then a line without its line break never becomes whole, and counts as forged.</param>
    /// <returns>The events accepted, in order; reading stops at the first line refused.</returns>
    public List<HostEvent> Read(bool hostEnded)
    {
        pending.Append(file.ReadToEnd());
        var text = pending.ToString();
        var end = text.LastIndexOf('\n');
        pending.Clear().Append(text[(end + 1)..]);
        var accepted = new List<HostEvent>();
        foreach (var line in end < 0 ? [] : text[..end].Split('\n'))
        {
            if (Accept(line) is not { } hostEvent)
            {
                return accepted;
            }

            accepted.Add(hostEvent);
        }

        Forged |= hostEnded && pending.Length > 0;
        return accepted;
    }

    /// <summary>The exercises this host accounts for: those it finished, and the one a fault belongs to, with the tests it finished.</summary>
    /// <param name="fault">What ended the host, in a student's words, for the exercise it cut short; null when the host ended as it should. A forged line overrides it: that is the fault.</param>
    /// <returns>The runs, in the plan's order.</returns>
    public List<ExerciseRun> Runs(Func<string, string>? fault)
    {
        var cause = Forged ? HostFaults.Forged : fault;
        return cause is not null && Unfinished is { } cut
            ? [.. finished, new ExerciseRun(cut, Running is null ? [] : tests, cause(cut))]
            : [.. finished];
    }

    /// <inheritdoc />
    public void Dispose() => file.Dispose();

    private HostEvent? Accept(string line)
    {
        if (Forged)
        {
            return null;
        }

        var hostEvent = HostChannel.Read(line, sequence, key);
        if (hostEvent is null || !FitsThePlan(hostEvent))
        {
            Forged = true;
            return null;
        }

        sequence++;
        Follow(hostEvent);
        return hostEvent;
    }

    private bool FitsThePlan(HostEvent hostEvent) => hostEvent.Event switch
    {
        HostEventKind.ExerciseStarted => Running is null && hostEvent.Exercise is not null && hostEvent.Exercise == Unfinished,
        HostEventKind.TestStarted => Running is not null && hostEvent.Exercise == Running && RunningTest is null && hostEvent.Test is not null,
        HostEventKind.TestFinished => Running is not null && hostEvent.Exercise == Running && RunningTest is not null && hostEvent.Test == RunningTest,
        HostEventKind.ExerciseFinished => Running is not null && hostEvent.Exercise == Running && RunningTest is null,
        HostEventKind.Done => Unfinished is null && !Done,
        _ => false,
    };

    private void Follow(HostEvent hostEvent)
    {
        switch (hostEvent.Event)
        {
            case HostEventKind.ExerciseStarted:
                Running = hostEvent.Exercise;
                tests = [];
                break;
            case HostEventKind.TestStarted:
                RunningTest = hostEvent.Test;
                break;
            case HostEventKind.TestFinished:
                tests.Add(hostEvent);
                RunningTest = null;
                break;
            case HostEventKind.ExerciseFinished:
                finished.Add(new ExerciseRun(Running!, tests, ExerciseFaults.AfterItsChecks(Running!, hostEvent.LeftRunning, hostEvent.Escaped)));
                Running = null;
                break;
            case HostEventKind.Done:
                Done = true;
                break;
        }

        StoppedForWorkLeftRunning = hostEvent is { Event: HostEventKind.ExerciseFinished } && (hostEvent.LeftRunning is not null || hostEvent.LeftTimers == true);
    }
}
