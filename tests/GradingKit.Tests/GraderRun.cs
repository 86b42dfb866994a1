using System.Collections.Concurrent;
using System.Xml.Linq;
using GradingKit.Cli;

namespace GradingKit.Tests;

/// <summary>One grader test's result, read from the NUnit report of a grading run.</summary>
/// <param name="Fixture">The fixture class, for example E04_PoolMap.</param>
/// <param name="Method">The test method.</param>
/// <param name="DisplayName">The test case's name as the runner shows it.</param>
/// <param name="Categories">Its NUnit categories.</param>
/// <param name="Outcome">Passed, Failed, Skipped ...; "Failed:Error" where the test threw instead of failing an assertion.</param>
/// <param name="Message">The failure message, or why the test was inconclusive or skipped, if any.</param>
internal sealed partial record GradedTest(string Fixture, string Method, string DisplayName, IReadOnlyList<string> Categories, string Outcome, string Message)
{
    /// <summary>The exercise id: the one category of the form E01 .. E13.</summary>
    public string Exercise => Categories.Single(category => ExerciseId().IsMatch(category));

    /// <summary>The stack trace that NUnit reported with the failure, if any.</summary>
    public string StackTrace { get; init; } = string.Empty;

    /// <summary>What the test printed: the seed and the replay line, the timing attempts.</summary>
    public string Output { get; init; } = string.Empty;

    /// <summary>How long the test ran, in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Whether this is a timing check.</summary>
    public bool IsTimed => Categories.Contains(TimedAttribute.Category);

    /// <summary>
    /// Whether this is a timing check that the machine could not decide, as the grader said: one CPU,
    /// other processes took the CPU, the machine slowed the threads of a parallel run, it slowed a
    /// sequential run that a speed-up was measured against, or its speed changed between the runs.
    /// </summary>
    /// <param name="pinnedToOneCpu">Whether the grading ran pinned to one CPU.</param>
    public bool UndecidedByTheMachine(bool pinnedToOneCpu = false) =>
        IsTimed && Outcome == "Inconclusive"
        && (pinnedToOneCpu || Environment.ProcessorCount == 1
            || Message.Contains("other processes took", StringComparison.Ordinal) || Message.Contains(TimeLimit.MachineSlowsThreadsSideBySide, StringComparison.Ordinal)
            || Message.Contains(BaselineFairness.MachineSlowedTheSequentialRun, StringComparison.Ordinal)
            || Message.Contains(BaselineFairness.MachineChangedSpeed, StringComparison.Ordinal));

    /// <summary>Whether a key of expected.json names this test: "E02.Method" (every case), or "E05.Method(display arguments)" (one case).</summary>
    public bool IsNamed(string key) => key == $"{Exercise}.{DisplayName}" || key == $"{Exercise}.{Method}";

    /// <summary>Whether the test failed (decided, not undecided) and showed the hint.</summary>
    public bool FailedWith(Hint hint) => Outcome == "Failed" && Message.Contains($"Hint:     {hint}", StringComparison.Ordinal);

    public override string ToString() => $"{Fixture}.{DisplayName}: {Outcome}";

    [System.Text.RegularExpressions.GeneratedRegex(@"^E\d{2}$")]
    private static partial System.Text.RegularExpressions.Regex ExerciseId();
}

/// <summary>
/// Grades an implementation as students and instructors do: `dotnet test` on the grader with
/// -p:Implementation=..., reading NUnit's own report (TRX carries no categories); each such
/// implementation is graded once per kit test run. The kit's own submissions take a shorter way to
/// the same verdicts (<see cref="GradeSubmission"/>).
/// </summary>
internal static class GraderRun
{
    /// <summary>The assembly name of every project that <see cref="Submissions.BuildFrom"/> writes.</summary>
    public const string SubmissionAssembly = "GradingKit.Submission";

    /// <summary>The folder, beside each such project, that its build writes.</summary>
    public const string SubmissionOutput = "bin-for-the-grader";

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<GradedTest>>> Runs = new();

    /// <summary>The folder of a grader built against the reference as a submission: the place each submission's assembly is put in.</summary>
    private static readonly Lazy<string> SharedGrader = new(() =>
    {
        var folder = Kit.ScratchFolder("gradingkit-shared-grader-");
        var reference = Submissions.BuildFrom(Directory.CreateDirectory(Path.Combine(folder, "no-changes")).FullName, Path.Combine(folder, "reference"));
        var output = Path.Combine(folder, "grader");
        var build = ChildProcess.Run(Kit.Root, "dotnet", ["build", Kit.GraderProject, $"-p:Implementation={reference}", "-o", output, "-nologo", "-verbosity:quiet"], RunLimit);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"The grader did not build against the reference as a submission:\n{build}");
        }

        return output;
    });

    /// <summary>Grades an implementation, all of it or only some exercises, once per process.</summary>
    /// <param name="implementation">starter, reference, or a project's path.</param>
    /// <param name="exercises">The exercise ids to grade; none for all.</param>
    /// <returns>Every grader test that ran, with its outcome.</returns>
    public static IReadOnlyList<GradedTest> Grade(string implementation, params IReadOnlyList<string> exercises) =>
        Runs.GetOrAdd(
            $"{implementation}|{string.Join('|', exercises)}",
            _ => new Lazy<IReadOnlyList<GradedTest>>(() => Run(implementation, exercises, new Dictionary<string, string>()))).Value;

    /// <summary>Grades an implementation afresh, with test run parameters.</summary>
    /// <param name="implementation">starter, reference, or a project's path.</param>
    /// <param name="exercises">The exercise ids to grade; none for all.</param>
    /// <param name="parameters">Test run parameters for the grader (for example timing-log).</param>
    /// <returns>Every grader test that ran, with its outcome.</returns>
    public static List<GradedTest> Run(string implementation, IReadOnlyList<string> exercises, IReadOnlyDictionary<string, string> parameters) =>
        Test([Kit.GraderProject, $"-p:Implementation={implementation}"], exercises, parameters, implementation, coverage: true);

    /// <summary>
    /// Grades one of the kit's submissions (a project written by <see cref="Submissions.BuildFrom"/>) as
    /// the grade command does, in its grading hosts under its supervisor (without its sandbox): only the
    /// submission is compiled, and its assembly takes the place of the reference's in a grader built once
    /// per kit test run. Same grader, same submission code, same verdicts as the grade command, without
    /// compiling the grader again for each submission (4 s instead of 25), and without a test runner's
    /// start (a host starts in half the time of `dotnet test`).
    /// </summary>
    /// <param name="project">The submission's project file.</param>
    /// <param name="exercises">The exercise ids to grade; none for all.</param>
    /// <param name="launcher">A program that runs the hosts (for example <c>taskset -c 0</c>: one CPU); none to run them directly.</param>
    /// <returns>Every grader test that ran, with its outcome.</returns>
    /// <exception cref="InvalidOperationException">A host crashed or hung: a fault, which no kit submission should have.</exception>
    public static List<GradedTest> GradeSubmission(string project, IReadOnlyList<string> exercises, IReadOnlyList<string>? launcher = null)
    {
        var grader = GraderFor(project);
        var ids = exercises.Count > 0 ? exercises : Manifest.Load(Kit.ManifestPath).Exercises.Select(exercise => exercise.Id).ToList();
        var runs = new Supervisor([.. launcher ?? [], GradingKit.Protocol.ChildProcess.DotnetHost, grader], new Dictionary<string, string>(), Thresholds.GradeCommand.ExerciseLimit, _ => { }).Run(ids);
        if (runs.FirstOrDefault(run => run.Fault is not null) is { } faulted)
        {
            throw new InvalidOperationException($"Grading {project} met a fault: {faulted.Fault}");
        }

        return runs.SelectMany(run => run.Tests.Select(test => Graded(run.Id, test))).ToList();
    }

    /// <summary>Grades one of the kit's submissions as a student's `dotnet test` does: the failure text as NUnit reports it, its stack trace included.</summary>
    /// <param name="project">The submission's project file.</param>
    /// <param name="exercises">The exercise ids to grade.</param>
    /// <returns>Every grader test that ran, with its outcome.</returns>
    public static List<GradedTest> TestSubmission(string project, IReadOnlyList<string> exercises) =>
        Test([GraderFor(project)], exercises, new Dictionary<string, string>(), project, coverage: false);

    /// <summary>What a student's own `dotnet test` of one of the kit's submissions prints: its console output, as a pipe gets it.</summary>
    /// <param name="project">The submission's project file.</param>
    /// <param name="exercises">The exercise ids to grade.</param>
    /// <returns>The run.</returns>
    public static ProcessResult TestSubmissionOutput(string project, IReadOnlyList<string> exercises) =>
        ChildProcess.Run(Kit.Root, "dotnet", ["test", GraderFor(project), "--filter", string.Join('|', exercises.Select(id => $"Category={id}"))], RunLimit);

    /// <summary>The shared grader with the submission's assembly in place of the last one's, the submission built first if it is not.</summary>
    private static string GraderFor(string project)
    {
        var output = Path.Combine(Path.GetDirectoryName(project)!, SubmissionOutput);
        if (!File.Exists(Path.Combine(output, $"{SubmissionAssembly}.dll")))
        {
            var build = ChildProcess.Run(Kit.Root, "dotnet", ["build", project, "-nologo", "-verbosity:quiet"], RunLimit);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"The submission {project} did not build:\n{build}");
            }
        }

        var grader = SharedGrader.Value;
        foreach (var file in new[] { $"{SubmissionAssembly}.dll", $"{SubmissionAssembly}.pdb" })
        {
            File.Copy(Path.Combine(output, file), Path.Combine(grader, file), overwrite: true);
        }

        return Path.Combine(grader, "GradingKit.Grader.dll");
    }

    /// <summary>A host's report of one test, as NUnit's own report would give it (its stack trace aside).</summary>
    private static GradedTest Graded(string exercise, HostEvent test) => new(
        test.Test![..^(test.Name!.Length + 1)].Split('.')[^1],
        test.Method!,
        test.Name,
        test.Timed == true ? [exercise, TimedAttribute.Category] : [exercise],
        string.IsNullOrEmpty(test.Label) ? test.Outcome! : $"{test.Outcome}:{test.Label}",
        test.Message ?? string.Empty)
    {
        Output = test.Output ?? string.Empty,
        Seconds = test.Seconds ?? 0,
    };

    private static List<GradedTest> Test(
        IReadOnlyList<string> target, IReadOnlyList<string> exercises, IReadOnlyDictionary<string, string> parameters, string implementation, bool coverage)
    {
        var results = Directory.CreateTempSubdirectory("gradingkit-run-").FullName;
        try
        {
            var filter = exercises.Count == 0 ? [] : new[] { "--filter", string.Join('|', exercises.Select(id => $"Category={id}")) };
            string[] command = ["dotnet", "test", .. target, .. filter, .. (coverage ? CoverageArguments() : []), "--", $"NUnit.TestOutputXml={results}",
                .. parameters.Select(p => $"TestRunParameters.Parameter(name=\"{p.Key}\", value=\"{p.Value}\")")];
            var run = ChildProcess.Run(Kit.Root, command[0], command[1..], RunLimit);
            var report = Path.Combine(results, "GradingKit.Grader.xml");
            if (!File.Exists(report))
            {
                throw new InvalidOperationException($"Grading {implementation} wrote no report:\n{run}");
            }

            return Read(report);
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    /// <summary>
    /// Where coverage of the grading library is wanted (<c>GRADINGKIT_COVERAGE_DIR</c>, set by
    /// .ci/run), the nested runs of whole implementations collect it too: most of the library runs in
    /// the grader's test host. The submissions' runs do not (instrumenting the library cost each of
    /// them seconds, for lines the in-process tests and the reference's and starter's runs cover).
    /// </summary>
    private static string[] CoverageArguments() =>
        Environment.GetEnvironmentVariable("GRADINGKIT_COVERAGE_DIR") is { Length: > 0 } directory
            ? ["--collect", "XPlat Code Coverage", "--settings", Path.Combine(Kit.Root, "tests", "coverage.runsettings"), "--results-directory", directory]
            : [];

    public static bool IsRunnerVariable(string name) =>
        name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("COVERLET", StringComparison.OrdinalIgnoreCase);

    private static List<GradedTest> Read(string report) =>
        XDocument.Load(report).Descendants("test-case").Select(test => new GradedTest(
            ((string)test.Attribute("classname")!).Split('.')[^1],
            (string)test.Attribute("methodname")!,
            (string)test.Attribute("name")!,
            test.AncestorsAndSelf().Elements("properties").Elements("property")
                .Where(property => (string?)property.Attribute("name") == "Category")
                .Select(property => (string)property.Attribute("value")!)
                .ToList(),
            (string)test.Attribute("result")! + (test.Attribute("label") is { } label ? $":{label.Value}" : string.Empty),
            (string?)test.Element("failure")?.Element("message") ?? (string?)test.Element("reason")?.Element("message") ?? string.Empty)
        {
            StackTrace = (string?)test.Element("failure")?.Element("stack-trace") ?? string.Empty,
            Output = (string?)test.Element("output") ?? string.Empty,
            Seconds = (double?)test.Attribute("duration") ?? 0,
        }).ToList();
}
