using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GradingKit.Cli;

/// <summary>What the grading hosts reported of one exercise.</summary>
/// <param name="Id">The exercise.</param>
/// <param name="Tests">Its finished tests.</param>
/// <param name="Fault">What went wrong with the host during it, if anything.</param>
public sealed record ExerciseRun(string Id, IReadOnlyList<HostEvent> Tests, string? Fault);

/// <summary>
/// Runs the grading host (the grader's <c>run</c> command) in child processes and watches it: one
/// host for a run without faults; when student code crashes the host or hangs an exercise past
/// <see cref="Thresholds.ExerciseLimit"/>, the host and its process tree are ended, that exercise
/// gets the fault, and grading goes on with the next exercise in a new host. The host itself stops
/// after an exercise that left work running, so that the next one starts in a fresh process.
/// </summary>
/// <param name="graderAssembly">The built grader.</param>
/// <param name="parameters">Test run parameters for the checks (seed, timing-scale).</param>
/// <param name="exerciseLimit">How long one exercise may take.</param>
/// <param name="progress">Told which exercise and test are running.</param>
public sealed class Supervisor(string graderAssembly, IReadOnlyDictionary<string, string> parameters, TimeSpan exerciseLimit, Action<string> progress)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StreamDrain = TimeSpan.FromSeconds(2);
    private const int StandardErrorKept = 4000;

    /// <summary>Grades the exercises, in order, in as few hosts as the faults allow.</summary>
    /// <param name="exercises">The exercise ids.</param>
    /// <returns>One run per exercise, in the same order.</returns>
    public IReadOnlyList<ExerciseRun> Run(IReadOnlyList<string> exercises)
    {
        var runs = new Dictionary<string, ExerciseRun>();
        while (runs.Count < exercises.Count)
        {
            var remaining = exercises.Where(id => !runs.ContainsKey(id)).ToList();
            var accounted = RunHost(remaining);
            foreach (var run in accounted)
            {
                runs[run.Id] = run;
            }

            // Every host accounts for at least one exercise, so there are never more hosts than exercises.
            if (accounted.Count == 0)
            {
                runs[remaining[0]] = new ExerciseRun(remaining[0], [], $"{remaining[0]}: the grading host ended without reporting on it");
            }
        }

        return exercises.Select(id => runs[id]).ToList();
    }

    private List<ExerciseRun> RunHost(IReadOnlyList<string> exercises)
    {
        // The host's private folder: its events file and its temporary files, the one place its sandbox lets it write.
        var folder = Directory.CreateTempSubdirectory("gradingkit-host-");
        var events = Path.Combine(folder.FullName, "events.jsonl");
        File.WriteAllText(events, string.Empty);
        var finished = new List<ExerciseRun>();
        var tests = new List<HostEvent>();
        string? current = null;
        string? currentTest = null;
        var currentSince = Stopwatch.StartNew();
        var done = false;
        var standardError = new StringBuilder();
        try
        {
            using var host = Process.Start(Sandbox.Wrap(HostStart(events, exercises), folder.FullName))!;
            host.OutputDataReceived += (_, _) => { }; // student code may print; nobody reads it
            host.ErrorDataReceived += (_, line) =>
            {
                lock (standardError)
                {
                    if (line.Data is not null && standardError.Length < StandardErrorKept)
                    {
                        standardError.AppendLine(line.Data);
                    }
                }
            };
            host.BeginOutputReadLine();
            host.BeginErrorReadLine();
            using var reader = new EventReader(events);
            while (true)
            {
                var exited = host.WaitForExit(Poll);
                foreach (var hostEvent in reader.ReadAvailable())
                {
                    switch (hostEvent.Event)
                    {
                        case "exercise-started":
                            current = hostEvent.Exercise;
                            currentSince.Restart();
                            tests = [];
                            progress($"Grading {current}");
                            break;
                        case "test-started":
                            currentTest = hostEvent.Test;
                            break;
                        case "test-finished":
                            tests.Add(hostEvent);
                            break;
                        case "exercise-finished":
                            finished.Add(new ExerciseRun(
                                hostEvent.Exercise!,
                                tests,
                                hostEvent.LeftRunning is { } left ? $"{hostEvent.Exercise} left work running after its checks: {left}" : null));
                            current = null;
                            break;
                        case "done":
                            done = true;
                            break;
                    }
                }

                if (exited)
                {
                    // The redirected streams are drained, but never waited on for long: a process the
                    // host left behind may hold them open.
                    host.WaitForExit(StreamDrain);
                    break;
                }

                if (current is not null && currentSince.Elapsed > exerciseLimit)
                {
                    host.Kill(entireProcessTree: true);
                    host.WaitForExit(StreamDrain);
                    finished.Add(new ExerciseRun(
                        current,
                        tests,
                        $"{current} did not finish within {exerciseLimit.TotalSeconds:0} s: a deadlock, or an endless loop? "
                            + $"(it was running {ShortName(currentTest)}; the grading host was ended)"));
                    return finished;
                }
            }

            // The exit code that means "left work running" counts only between exercises, where the host
            // itself stops after one; in the middle of an exercise it is student code ending the process.
            if (done || (current is null && (host.ExitCode == HostExitCodes.LeftWorkRunning || finished.Count > 0)))
            {
                return finished;
            }

            var crashed = current ?? exercises.First(id => finished.All(run => run.Id != id));
            string errorText;
            lock (standardError)
            {
                errorText = standardError.ToString();
            }

            finished.Add(new ExerciseRun(crashed, tests, $"{crashed} ended the grading host: {Crash(host.ExitCode, errorText)}"));
            if (current is null)
            {
                // The host died before it began any exercise: every remaining one would do the same.
                finished.AddRange(exercises.Where(id => finished.All(run => run.Id != id))
                    .Select(id => new ExerciseRun(id, [], $"the grading host did not start: {Crash(host.ExitCode, errorText)}")));
            }

            return finished;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private ProcessStartInfo HostStart(string events, IReadOnlyList<string> exercises)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { graderAssembly, "run", "--events", events }
            .Concat(exercises.SelectMany(id => new[] { "--exercise", id }))
            .Concat(parameters.SelectMany(p => new[] { "--parameter", $"{p.Key}={p.Value}" })))
        {
            start.ArgumentList.Add(argument);
        }

        // Endless allocation ends in an OutOfMemoryException inside the host, not in a machine that swaps.
        start.Environment["DOTNET_GCHeapHardLimit"] = Thresholds.HostHeapLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>What ended the host, in a student's words, from its exit code and what it printed.</summary>
    private static string Crash(int exitCode, string standardError)
    {
        var lines = standardError.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? Line(string start) => lines.FirstOrDefault(line => line.StartsWith(start, StringComparison.Ordinal));
        if (lines.Any(line => line.Contains("Stack overflow", StringComparison.Ordinal)))
        {
            var inStudentCode = lines.FirstOrDefault(line => line.StartsWith("at GradingKit.Exercises.", StringComparison.Ordinal));
            return $"a stack overflow: endless recursion?{(inStudentCode is null ? string.Empty : $" (in {inStudentCode[3..]})")}";
        }

        if (Line("Process terminated.") is { } terminated)
        {
            var message = lines.SkipWhile(line => line != terminated).Skip(1).FirstOrDefault();
            return $"Environment.FailFast: {terminated} {message}".Trim();
        }

        if (Line("Unhandled exception.") is { } unhandled)
        {
            return $"an unhandled exception: {unhandled["Unhandled exception.".Length..].Trim()}";
        }

        if (lines.Any(line => line.Contains("OutOfMemory", StringComparison.Ordinal)))
        {
            return "it ran out of memory (allocation without end?)";
        }

        return exitCode switch
        {
            0 => "Environment.Exit(0) ended the process before its checks were done",
            137 => "it was killed (exit code 137: out of memory, or killed from outside)",
            _ => $"it exited with code {exitCode} before its checks were done (Environment.Exit?){(lines.Length > 0 ? ": " + lines[^1] : string.Empty)}",
        };
    }

    private static string ShortName(string? test) => test is null ? "its set-up" : string.Join('.', test.Split('.')[^2..]);

    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Reads the events file as it grows, whole lines only.</summary>
    private sealed class EventReader(string path) : IDisposable
    {
        private readonly StreamReader reader = new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        private readonly StringBuilder pending = new();

        public IEnumerable<HostEvent> ReadAvailable()
        {
            pending.Append(reader.ReadToEnd());
            var text = pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                return [];
            }

            pending.Clear().Append(text[(end + 1)..]);
            return text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<HostEvent>(line, HostEvent.Json)!)
                .ToList();
        }

        public void Dispose() => reader.Dispose();
    }
}
