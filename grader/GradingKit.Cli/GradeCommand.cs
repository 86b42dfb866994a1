using System.Diagnostics;
using Spectre.Console;

namespace GradingKit.Cli;

/// <summary>The grade command: build, grade in supervised hosts, score, report.</summary>
public static class GradeCommand
{
    /// <summary>Exit code: the grading ran, whatever the score.</summary>
    public const int Graded = 0;

    /// <summary>Exit code: the kit failed unexpectedly.</summary>
    public const int KitFailure = 1;

    /// <summary>Exit code: the grading could not run (bad options, a missing project, a malformed manifest).</summary>
    public const int CouldNotRun = 2;

    /// <summary>Runs the command.</summary>
    /// <param name="options">Its options.</param>
    /// <returns>The exit code.</returns>
    public static int Run(GradeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var plan = GradingPlan.From(options.Settings);
            if (options.Implementation == "reference" && !Directory.Exists(Path.Combine(plan.Kit, "reference")))
            {
                throw new UsageException("--implementation reference: the reference solution is not part of this repository (a student repository has none); grade starter or the path of a .csproj.");
            }

            var implementation = GraderBuild.Resolve(options.Implementation, Environment.CurrentDirectory);
            var report = Grade(plan, options.Implementation, implementation, Progress);
            ConsoleReport.Write(report);
            Reports.Write(report, options.Reports);
            return Graded;
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"gradingkit grade: {problem.Message}");
            return CouldNotRun;
        }
    }

    /// <summary>Builds the grader against one implementation and grades it in supervised hosts; prints nothing but progress.</summary>
    /// <param name="plan">What to grade with: the kit, the exercises, the checks' parameters.</param>
    /// <param name="label">What the report calls the implementation.</param>
    /// <param name="implementation">starter, reference or a project's full path (<see cref="GraderBuild.Resolve"/>).</param>
    /// <param name="progress">Told what is being built and graded.</param>
    /// <returns>The report: graded; error when the implementation did not build; integrity when it breaks the API policy.</returns>
    public static GradeReport Grade(GradingPlan plan, string label, string implementation, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        using var sources = SubmissionSources.Take(GraderBuild.SourceFolder(plan.Kit, implementation));
        progress($"Building the grader for {label} from {sources.Files.Count} source files" + (sources.Left.Count > 0 ? $" ({string.Join("; ", sources.Left)})" : string.Empty));
        var built = GraderBuild.Build(plan.Kit, implementation, sources, plan.Batch);
        if (built.Violations.Count > 0)
        {
            return GradeReport.NotGraded(
                plan, label, string.Join(Environment.NewLine, built.Violations), "the submission uses APIs that the grader does not allow", clock.Elapsed.TotalSeconds, GradeStatus.Integrity)
                with
            { Sources = sources.Files, SourcesLeft = sources.Left };
        }

        if (built.GraderAssembly is null)
        {
            var leftOut = sources.Left.Count > 0 ? $"{Environment.NewLine}Not built as the submission names them: {string.Join("; ", sources.Left)}" : string.Empty;
            return GradeReport.NotGraded(plan, label, string.Join(Environment.NewLine, built.Errors) + leftOut, "the submission did not build", clock.Elapsed.TotalSeconds)
                with
            { Sources = sources.Files, SourcesLeft = sources.Left };
        }

        var supervisor = new Supervisor(built.GraderAssembly, plan.Parameters, plan.ExerciseLimit, progress);
        var runs = MeasureUndecidedAgain(supervisor, supervisor.Run(plan.Exercises.Select(e => e.Id).ToList()), progress);
        var grades = plan.Exercises.Zip(runs, (exercise, run) => Scoring.Score(exercise, Cases(run), run.Fault)).ToList();
        return new GradeReport(
            label, grades.Any(g => g.Checks.Any(c => c.Verdict == Verdict.Inconclusive)) ? GradeStatus.Incomplete : GradeStatus.Graded, null,
            grades.Sum(g => g.Points), grades.Sum(g => g.Earned), clock.Elapsed.TotalSeconds, Environment.ProcessorCount, grades)
        {
            Sources = sources.Files,
            SourcesLeft = sources.Left,
            Sandbox = Sandbox.Description,
        };
    }

    /// <summary>
    /// Measures the timing checks that this machine could not decide once more, at the end of the
    /// run, in a fresh host: a burst of load elsewhere may have passed. A check decided now takes
    /// the new result; one that stays undecided keeps its first.
    /// </summary>
    private static IReadOnlyList<ExerciseRun> MeasureUndecidedAgain(Supervisor supervisor, IReadOnlyList<ExerciseRun> runs, Action<string> progress)
    {
        var undecided = runs
            .Where(run => run.Fault is null)
            .SelectMany(run => run.Tests.Where(test => test.Outcome == "Inconclusive").Select(test => (run.Id, Method: test.Method ?? string.Empty)))
            .ToList();
        if (undecided.Count == 0)
        {
            return runs;
        }

        progress($"Measuring {undecided.Count} undecided timing check(s) again");
        var exercises = undecided.Select(u => u.Id).Distinct().ToList();
        var again = supervisor.Run(exercises, undecided.Select(u => u.Method).Distinct().ToList())
            .Where(run => run.Fault is null)
            .ToDictionary(run => run.Id);
        return runs.Select(run =>
        {
            if (!again.TryGetValue(run.Id, out var second))
            {
                return run;
            }

            var decided = second.Tests.GroupBy(test => test.Method).Where(check => check.All(test => test.Outcome != "Inconclusive")).ToDictionary(check => check.Key ?? string.Empty);
            return run with
            {
                Tests = run.Tests.Where(test => !decided.ContainsKey(test.Method ?? string.Empty))
                    .Concat(decided.Values.SelectMany(check => check))
                    .ToList(),
            };
        }).ToList();
    }

    /// <summary>The exercises of the manifest that the --exercise options name, all of them when none.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="ids">The ids named.</param>
    /// <returns>The exercises, in the manifest's order.</returns>
    /// <exception cref="UsageException">An id names no exercise.</exception>
    internal static List<ExerciseEntry> Select(Manifest manifest, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return manifest.Exercises.ToList();
        }

        var unknown = ids.Where(id => manifest.Exercises.All(e => !string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException(
                $"--exercise {string.Join(", ", unknown)}: no such exercise; the exercises are {string.Join(", ", manifest.Exercises.Select(e => e.Id))}.");
        }

        return manifest.Exercises.Where(e => ids.Contains(e.Id, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private static ILookup<string, CaseResult> Cases(ExerciseRun run) =>
        run.Tests.ToLookup(
            test => test.Method ?? string.Empty,
            test => new CaseResult(
                test.Name ?? test.Test ?? string.Empty,
                test.Outcome switch
                {
                    "Passed" => Verdict.Passed,
                    "Inconclusive" => Verdict.Inconclusive,
                    "Skipped" => Verdict.NotRun,
                    _ => Verdict.Failed,
                },
                test.Message ?? string.Empty,
                test.Output ?? string.Empty,
                test.Seconds ?? 0)
            { Picture = test.Picture });

    /// <summary>Writes a progress line, grey.</summary>
    /// <param name="what">What is happening.</param>
    internal static void Progress(string what) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(what)}[/]");
}

/// <summary>What every grading of one command shares: the kit, the exercises, the checks' parameters, the limit per exercise.</summary>
/// <param name="Kit">The kit's root folder.</param>
/// <param name="Exercises">The exercises to grade, in the manifest's order.</param>
/// <param name="Parameters">Test run parameters for the checks (seed, timing-scale).</param>
/// <param name="ExerciseLimit">How long one exercise may run.</param>
public sealed record GradingPlan(string Kit, IReadOnlyList<ExerciseEntry> Exercises, IReadOnlyDictionary<string, string> Parameters, TimeSpan ExerciseLimit)
{
    /// <summary>The batch whose builds this plan's gradings share (grade-all: the compiler's server, one restore); null for one grading.</summary>
    public BuildBatch? Batch { get; init; }

    /// <summary>Checks the settings and reads the manifest.</summary>
    /// <param name="options">The grading command's settings.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="UsageException">A bad option, an unknown exercise, a missing or malformed manifest.</exception>
    public static GradingPlan From(GradingSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kit = KitRoot.Find();
        var manifest = ManifestFile.Load(options.Manifest?.FullName ?? Path.Combine(kit, Manifest.FileName));
        var selected = GradeCommand.Select(manifest, options.Exercises);
        if (options.TimingScale is < 1)
        {
            throw new UsageException($"--timing-scale {options.TimingScale}: the scale multiplies slack and overheads and must be at least 1.");
        }

        if (options.ExerciseLimit <= TimeSpan.Zero)
        {
            throw new UsageException("--exercise-limit must be a positive number of seconds.");
        }

        var parameters = new Dictionary<string, string>();
        if (options.Seed is { } seed)
        {
            parameters[RunParameters.Seed] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (options.TimingScale is { } scale)
        {
            parameters[RunParameters.TimingScale] = scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new GradingPlan(kit, selected, parameters, options.ExerciseLimit);
    }
}

/// <summary>Finds the kit: the folder above this program that holds assignments.json and the grader.</summary>
public static class KitRoot
{
    /// <summary>The kit's root folder.</summary>
    /// <returns>Its full path.</returns>
    /// <exception cref="UsageException">This program does not run from inside a kit.</exception>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Manifest.FileName))
                && Directory.Exists(Path.Combine(directory.FullName, "grader", "GradingKit.Grader")))
            {
                return directory.FullName;
            }
        }

        throw new UsageException($"no kit above {AppContext.BaseDirectory}: run the command from a GradingKit checkout (dotnet run --project grader/GradingKit.Cli -- grade).");
    }
}
