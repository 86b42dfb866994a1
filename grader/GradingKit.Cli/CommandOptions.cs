using System.CommandLine;

namespace GradingKit.Cli;

/// <summary>What every grading command (grade, grade-all) is told about the grading itself.</summary>
/// <param name="Exercises">The exercises to grade; none for all.</param>
/// <param name="Seed">A seed to replay.</param>
/// <param name="TimingScale">The factor on slack and overheads.</param>
/// <param name="ExerciseLimit">How long one exercise may run.</param>
/// <param name="Manifest">Another assignments.json.</param>
public sealed record GradingSettings(IReadOnlyList<string> Exercises, int? Seed, double? TimingScale, TimeSpan ExerciseLimit, FileInfo? Manifest);

/// <summary>The reports a grading writes besides its score table; each null where not asked for.</summary>
public sealed record ReportFiles
{
    /// <summary>The kit's own JSON results: every check, its verdict, message, measurements and points.</summary>
    public FileInfo? Json { get; init; }

    /// <summary>GitHub Classroom's grader result.</summary>
    public FileInfo? Classroom { get; init; }

    /// <summary>Gradescope's results.json.</summary>
    public FileInfo? Gradescope { get; init; }

    /// <summary>JUnit XML.</summary>
    public FileInfo? JUnit { get; init; }

    /// <summary>Classroom 50's result.json (classroom50/result/v1), with release-body.md beside it.</summary>
    public FileInfo? Classroom50 { get; init; }

    /// <summary>One self-contained HTML page: the score table, every message, an SVG timeline per timing check.</summary>
    public FileInfo? Html { get; init; }

    /// <summary>Where to append every check's result as GitHub Actions step outputs, for the classroom-resources reporter (the workflow passes $GITHUB_OUTPUT).</summary>
    public FileInfo? ClassroomOutputs { get; init; }
}

/// <summary>The options of the grade command.</summary>
/// <param name="Implementation">starter, reference or a path.</param>
/// <param name="Settings">The grading's settings.</param>
/// <param name="Reports">The reports to write.</param>
public sealed record GradeOptions(string Implementation, GradingSettings Settings, ReportFiles Reports);

/// <summary>The command-line options of <see cref="GradingSettings"/>, shared by the grading commands.</summary>
public sealed class GradingSettingOptions
{
    private readonly Option<string[]> exercises = new("--exercise", "-e")
    {
        Description = "Grade only this exercise (E01 .. E13); repeat it for several. All exercises when left out.",
    };

    private readonly Option<int?> seed = new("--seed") { Description = "Replay the checks' data with this seed (each check prints its own)." };

    private readonly Option<double?> timingScale = new("--timing-scale") { Description = "Multiply the timing checks' slack and overheads, for a slow machine (at least 1)." };

    private readonly Option<int> exerciseLimit = new("--exercise-limit")
    {
        Description = "Seconds one exercise may run before the grading host is ended and the exercise loses its points as a hang.",
        DefaultValueFactory = _ => (int)Thresholds.GradeCommand.ExerciseLimit.TotalSeconds,
    };

    private readonly Option<FileInfo?> manifest = new("--manifest") { Description = "The assignments.json to score with (default: the kit's own)." };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { exercises, seed, timingScale, exerciseLimit, manifest })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the settings from a parsed command line.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The settings.</returns>
    public GradingSettings Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            result.GetValue(exercises) ?? [],
            result.GetValue(seed),
            result.GetValue(timingScale),
            TimeSpan.FromSeconds(result.GetValue(exerciseLimit)),
            result.GetValue(manifest));
    }
}

/// <summary>The command-line options of <see cref="ReportFiles"/>.</summary>
public sealed class ReportFileOptions
{
    private readonly Option<FileInfo?> json = new("--json") { Description = "Also write the kit's own results as JSON: every check, its verdict, message, measurements and points." };

    private readonly Option<FileInfo?> classroom = new("--classroom") { Description = "Also write GitHub Classroom's grader result (version, status, max_score, tests)." };

    private readonly Option<FileInfo?> gradescope = new("--gradescope") { Description = "Also write Gradescope's results.json (score, execution_time, tests)." };

    private readonly Option<FileInfo?> junit = new("--junit") { Description = "Also write JUnit XML, a test suite per exercise." };

    private readonly Option<FileInfo?> html = new("--html")
    {
        Description = "Also write one self-contained HTML page: the score table, every check's message, and a timeline (SVG) of every timing check's run beside the ideal.",
    };

    private readonly Option<FileInfo?> classroom50 = new("--classroom50")
    {
        Description = "Also write Classroom 50's result.json (classroom50/result/v1) and release-body.md beside it; the identity comes from "
            + "CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, OWNER or USERNAME, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL and REVIEW_URL, as Classroom 50's runner sets them.",
    };

    private readonly Option<FileInfo?> classroomOutputs = new("--classroom-outputs")
    {
        Description = "Also append every check's result to FILE as GitHub Actions step outputs (e04c2=<base64 JSON>), one runner each for the classroom-resources "
            + "grading reporter; the classroom workflow passes \"$GITHUB_OUTPUT\".",
    };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { json, classroom, gradescope, junit, html, classroom50, classroomOutputs })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the report files from a parsed command line.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The report files.</returns>
    public ReportFiles Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new()
        {
            Json = result.GetValue(json),
            Classroom = result.GetValue(classroom),
            Gradescope = result.GetValue(gradescope),
            JUnit = result.GetValue(junit),
            Html = result.GetValue(html),
            Classroom50 = result.GetValue(classroom50),
            ClassroomOutputs = result.GetValue(classroomOutputs),
        };
    }
}
