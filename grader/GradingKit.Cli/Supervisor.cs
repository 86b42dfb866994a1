using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GradingKit.Cli;

/// <summary>What the grading hosts reported of one exercise.</summary>
/// <param name="Id">The exercise.</param>
/// <param name="Tests">Its finished tests.</param>
/// <param name="Fault">What went wrong with the host during it, if anything.</param>
public sealed record ExerciseRun(string Id, IReadOnlyList<HostEvent> Tests, string? Fault);

/// <summary>
/// Runs the grading host (the grader's <c>run</c> command) in child processes and watches it: one
/// host for a run without faults; when student code crashes the host, hangs an exercise past
/// <see cref="Thresholds.GradeCommand.ExerciseLimit"/>, or the host's report holds an event that the host did
/// not write (<see cref="HostReport"/>), or runs more threads at once than <see cref="HostThreads"/> allows, the host and its process tree are ended, that exercise gets
/// the fault, and grading goes on with the next exercise in a new host. The host itself stops after
/// an exercise that left work running, so that the next one starts in a fresh process. Every host
/// accounts for at least one exercise, so there are never more hosts than exercises.
/// </summary>
public sealed class Supervisor
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a host's output may take to end after the host exited: a process it started may hold it open for ever.</summary>
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(2);

    /// <summary>The prefixes of the runtime's settings in the environment (<see cref="IsRuntimeSetting"/>).</summary>
    private static readonly string[] RuntimePrefixes = ["DOTNET_", "COMPlus_", "CORECLR_"];

    /// <summary>Variables of those prefixes that pass: where the runtime is and how to find it, the SDK's own quiet settings, and P's override.</summary>
    private static readonly string[] KeptRuntimeVariables =
        ["DOTNET_ROOT", "DOTNET_HOST_PATH", "DOTNET_ROLL_FORWARD", "DOTNET_MULTILEVEL_LOOKUP", "DOTNET_BUNDLE_EXTRACT_BASE_DIR", "DOTNET_CLI_", "DOTNET_NOLOGO", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "DOTNET_PROCESSOR_COUNT"];

    private readonly IReadOnlyList<string> hostCommand;
    private readonly bool sandboxed;
    private readonly IReadOnlyDictionary<string, string> parameters;
    private readonly TimeSpan exerciseLimit;
    private readonly Action<string> progress;

    /// <summary>Supervises hosts of a built grader.</summary>
    /// <param name="graderAssembly">The built grader.</param>
    /// <param name="parameters">Test run parameters for the checks (seed, timing-scale).</param>
    /// <param name="exerciseLimit">How long one exercise may take.</param>
    /// <param name="progress">Told which exercise is running.</param>
    public Supervisor(string graderAssembly, IReadOnlyDictionary<string, string> parameters, TimeSpan exerciseLimit, Action<string> progress)
        : this([ChildProcess.DotnetHost, graderAssembly], parameters, exerciseLimit, progress)
    {
        sandboxed = true;
    }

    /// <summary>Supervises hosts started by a command of its own, outside the sandbox: a stand-in host, in the kit's tests.</summary>
    /// <param name="hostCommand">The program and the arguments that come before <c>run</c> and its options.</param>
    /// <param name="parameters">Test run parameters for the checks.</param>
    /// <param name="exerciseLimit">How long one exercise may take.</param>
    /// <param name="progress">Told which exercise is running.</param>
    internal Supervisor(IReadOnlyList<string> hostCommand, IReadOnlyDictionary<string, string> parameters, TimeSpan exerciseLimit, Action<string> progress)
    {
        this.hostCommand = hostCommand;
        this.parameters = parameters;
        this.exerciseLimit = exerciseLimit;
        this.progress = progress;
    }

    /// <summary>Grades the exercises, in order, in as few hosts as the faults allow.</summary>
    /// <param name="exercises">The exercise ids.</param>
    /// <param name="checks">Only these checks (test methods) of the exercises; none for all of them.</param>
    /// <returns>One run per exercise, in the same order.</returns>
    public IReadOnlyList<ExerciseRun> Run(IReadOnlyList<string> exercises, IReadOnlyList<string>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        var runs = new List<ExerciseRun>();
        while (runs.Count < exercises.Count)
        {
            var remaining = exercises.Skip(runs.Count).ToList();
            var accounted = RunHost(remaining, checks ?? []);

            runs.AddRange(accounted);

            // What caps the hosts at the number of exercises: a host that accounted for none would be started again for ever.
            if (accounted.Count == 0)
            {
                runs.Add(new ExerciseRun(remaining[0], [], $"{remaining[0]}: the grading host ended without reporting on it"));
            }
        }

        return runs;
    }

    private List<ExerciseRun> RunHost(IReadOnlyList<string> exercises, IReadOnlyList<string> checks)
    {
        // Owner-only (CreateTempSubdirectory makes it 0700 on Unix): no other user reads the events or writes among them.
        var folder = Directory.CreateTempSubdirectory("gradingkit-host-");
        try
        {
            var events = Path.Combine(folder.FullName, "events.jsonl");
            File.WriteAllText(events, string.Empty);
            var key = HostChannel.NewKey();
            using var report = new HostReport(events, key, exercises);
            var start = HostStart(events, exercises, checks);
            using var host = Process.Start(sandboxed ? Sandbox.Wrap(start, folder.FullName) : start)!;
            try
            {
                var output = new HostOutput(host);
                HandOver(key, host);
                return Watch(host, report, output);
            }
            finally
            {
                // However the host ended, nothing it started may run on beside the next host's timing checks.
                host.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>How a host starts: the one place to wrap its command, for example in a sandbox.</summary>
    private ProcessStartInfo HostStart(string events, IReadOnlyList<string> exercises, IReadOnlyList<string> checks)
    {
        var start = new ProcessStartInfo(hostCommand[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in hostCommand.Skip(1)
            .Concat(["run", "--events", events])
            .Concat(exercises.SelectMany(id => new[] { "--exercise", id }))
            .Concat(checks.SelectMany(check => new[] { "--check", check }))
            .Concat(parameters.SelectMany(p => new[] { "--parameter", $"{p.Key}={p.Value}" })))
        {
            start.ArgumentList.Add(argument);
        }

        // The CI platform's channels are the grade command's alone: student code gets no path to GitHub Actions'
        // step outputs, environment or summary files, and none of its tokens.
        // Nor does the host run under settings of the runtime that the grade command's environment happens to hold.
        foreach (var name in start.Environment.Keys.Where(name => IsPlatformChannel(name) || IsRuntimeSetting(name)).ToList())
        {
            start.Environment.Remove(name);
        }

        // Endless allocation ends in an OutOfMemoryException inside the host, not in a machine that swaps.
        start.Environment["DOTNET_GCHeapHardLimit"] = Thresholds.GradeCommand.HostHeapLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>Whether an environment variable belongs to the CI platform that runs the grade command (GitHub Actions: GITHUB_OUTPUT, GITHUB_ENV, ACTIONS_RUNTIME_TOKEN, RUNNER_TEMP and their kin).</summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>Whether the host must not see it.</returns>
    internal static bool IsPlatformChannel(string name) =>
        name.StartsWith("GITHUB_", StringComparison.Ordinal) || name.StartsWith("ACTIONS_", StringComparison.Ordinal) || name.StartsWith("RUNNER_", StringComparison.Ordinal);

    /// <summary>
    /// Whether an environment variable sets the .NET runtime up otherwise than by default: a setting of
    /// the garbage collector, the thread pool or the JIT (DOTNET_ or COMPlus_, any of the runtime's
    /// settings), a startup hook, or a profiler (CORECLR_), each of which runs code of its own in the host or moves its
    /// timing. The host grades under the runtime's defaults, those the verdicts were measured under: without
    /// its spinning workers, for one, the thread pool made a one-at-a-time fork-join look spread over threads
    /// beside a busy core (E12, 2026-12-06). Where the runtime is, and the processor count it is told (P), pass.
    /// </summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>Whether the host must not see it.</returns>
    internal static bool IsRuntimeSetting(string name) =>
        RuntimePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        && !KeptRuntimeVariables.Any(kept => name.StartsWith(kept, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Hands the host its key as the first line of its standard input and closes it: a command line
    /// or the environment would show the key to other processes.
    /// </summary>
    private static void HandOver(byte[] key, Process host)
    {
        try
        {
            host.StandardInput.Write(Convert.ToBase64String(key) + "\n");
            host.StandardInput.Close();
        }
        catch (IOException)
        {
            // The host is gone already; how it ended tells why.
        }
    }

    /// <summary>Follows the host's report until the host exits, reports an event it did not write, or makes no progress within the limit.</summary>
    /// <returns>The exercises the host accounts for.</returns>
    private List<ExerciseRun> Watch(Process host, HostReport report, HostOutput output)
    {
        // Counts from the host's start and from each exercise's start and end, so that a host is bounded before and between exercises too.
        var sinceProgress = Stopwatch.StartNew();
        var threads = new HostThreads(host);
        while (true)
        {
            var exited = host.WaitForExit(Poll);
            foreach (var hostEvent in report.Read(hostEnded: exited))
            {
                if (hostEvent.Event is HostEventKind.ExerciseStarted or HostEventKind.ExerciseFinished)
                {
                    sinceProgress.Restart();
                }

                if (hostEvent.Event == HostEventKind.ExerciseStarted)
                {
                    progress($"Grading {hostEvent.Exercise}");
                }
            }

            if (report.Forged)
            {
                return report.Runs(fault: null);
            }

            if (exited)
            {
                return Exited(report, host.ExitCode, output.StandardError(OutputDrainLimit));
            }

            if (sinceProgress.Elapsed > exerciseLimit)
            {
                return report.Runs(exercise => HostFaults.Hang(exercise, exerciseLimit, report.RunningTest));
            }

            if (threads.OverTheLimit() is { } count)
            {
                return report.Runs(exercise => HostFaults.TooManyThreads(exercise, count, Thresholds.GradeCommand.HostThreads, report.RunningTest));
            }
        }
    }

    /// <summary>What a host that exited on its own accounts for: done, or stopped after work left running, or a crash of the exercise it cut short.</summary>
    private static List<ExerciseRun> Exited(HostReport report, int exitCode, string standardError)
    {
        if (report.Done || exitCode == HostExitCodes.LeftWorkRunning && report.StoppedForWorkLeftRunning)
        {
            return report.Runs(fault: null);
        }

        var runs = report.Runs(exercise => HostFaults.Crashed(exercise, exitCode, standardError));
        if (!report.Began)
        {
            // The host died before it began any exercise: every remaining one would do the same.
            runs.AddRange(report.Plan.Skip(runs.Count).Select(id => new ExerciseRun(id, [], HostFaults.DidNotStart(exitCode, standardError))));
        }

        return runs;
    }

    /// <summary>
    /// Reads a host's standard output and error while it runs, so that a host that prints much never
    /// blocks on a full pipe: the output is dropped, the start of the error kept for the crash report.
    /// </summary>
    private sealed class HostOutput
    {
        private const int StandardErrorKept = 4000;
        private readonly StringBuilder standardError = new();
        private readonly Task ended;

        public HostOutput(Process host) =>
            ended = Task.WhenAll(host.StandardOutput.BaseStream.CopyToAsync(Stream.Null), KeepTheStart(host.StandardError));

        /// <summary>What the host printed on standard error, once the streams end or the limit passes: a process the host started may hold them open.</summary>
        public string StandardError(TimeSpan limit)
        {
            Task.WaitAny([ended], limit);
            lock (standardError)
            {
                return standardError.ToString();
            }
        }

        private async Task KeepTheStart(StreamReader error)
        {
            var buffer = new char[1024];
            int read;
            while ((read = await error.ReadAsync(buffer)) > 0)
            {
                lock (standardError)
                {
                    standardError.Append(buffer, 0, Math.Clamp(StandardErrorKept - standardError.Length, 0, read));
                }
            }
        }
    }
}
