using System.Globalization;
using System.Text;

namespace GradingKit.Cli;

/// <summary>
/// Classroom 50's result (<c>classroom50/result/v1</c>, the successor of GitHub Classroom's grading):
/// the identity the runner hands the autograder in its environment, the score, and one test row per
/// check with the kit's status and message kept inside it; and <c>release-body.md</c>, the score table
/// with the hints, in Markdown. Points are whole numbers (the manifest's are; TheManifest holds them so).
/// </summary>
public static class Classroom50Result
{
    /// <summary>The schema's name, the result's first field.</summary>
    public const string Schema = "classroom50/result/v1";

    /// <summary>The release body's file name, beside the result.</summary>
    public const string ReleaseBody = "release-body.md";

    /// <summary>Classroom 50 reads at most this many bytes of a test's name.</summary>
    public const int NameBytes = 100;

    /// <summary>The result, with the identity from the environment (defaults for running by hand).</summary>
    /// <param name="report">The grading run.</param>
    /// <param name="environment">Reads a variable: CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, OWNER or USERNAME, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL, REVIEW_URL.</param>
    /// <returns>The result object, in the schema's field names.</returns>
    public static Dictionary<string, object> Of(GradeReport report, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(environment);
        string Read(string name, string fallback) => environment(name) is { Length: > 0 } value ? value : fallback;
        var commit = Read("COMMIT_URL", "local");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tests = report.Exercises.SelectMany(e => e.Checks.Select(c => new Dictionary<string, object>
        {
            ["test-name"] = Unique(names, $"{e.Id} {c.Test}"),
            ["passed"] = c.Earned == c.Points,
            ["score"] = Whole(c.Earned),
            ["max-score"] = Whole(c.Points),
            ["status"] = Reports.StatusOf(report, e, c),
            ["message"] = Reports.MessageOf(report, e, c),
        })).ToList();
        return new Dictionary<string, object>
        {
            ["schema"] = Schema,
            ["classroom"] = Read("CLASSROOM", "local"),
            ["assignment"] = Read("ASSIGNMENT", "gradingkit"),
            ["assignment_type"] = Read("ASSIGNMENT_TYPE", "individual"),
            ["owner"] = Read("OWNER", Read("USERNAME", Environment.UserName)),
            ["submission"] = Read("SUBMISSION_TAG", "submit/local"),
            ["commit"] = commit,
            ["release"] = Read("RELEASE_URL", "local"),
            ["review"] = Read("REVIEW_URL", commit),
            ["datetime"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["score"] = tests.Sum(t => (int)t["score"]),
            ["max-score"] = Whole(report.Points),
            ["tests"] = tests,
        };
    }

    /// <summary>The release's body: the score, the status where the run was not simply graded, and a row per check with its message.</summary>
    /// <param name="report">The grading run.</param>
    /// <returns>Markdown.</returns>
    public static string Body(GradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"### GradingKit: {Whole(report.Earned)} / {Whole(report.Points)}");
        body.AppendLine();
        if (report.NotGradedBecause is { } why)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"**{why}.**").AppendLine().AppendLine("```text").AppendLine(report.Error).AppendLine("```").AppendLine();
        }

        if (report.IncompleteBecause is { } incomplete)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"**{incomplete}**").AppendLine();
        }

        body.AppendLine("| Check | Result | Points | What was measured, expected, and the hint |").AppendLine("|---|---|---|---|");
        foreach (var exercise in report.Exercises)
        {
            foreach (var check in exercise.Checks)
            {
                body.AppendLine(CultureInfo.InvariantCulture, $"| {exercise.Id} {Cell(check.Test)} | {Reports.StatusOf(report, exercise, check)} | {Whole(check.Earned)} / {Whole(check.Points)} | {Cell(Reports.MessageOf(report, exercise, check))} |");
            }
        }

        body.AppendLine().AppendLine(report.Sandbox.Length > 0 ? $"_{report.Sandbox}_" : string.Empty);
        return body.ToString();
    }

    private static int Whole(double points) =>
        points == Math.Floor(points) ? (int)points : throw new InvalidOperationException($"Classroom 50 takes whole points only; {points} is not one (make the manifest's points whole).");

    /// <summary>A name of at most <see cref="NameBytes"/> bytes of UTF-8, unique among the rows (a number added where two would be the same).</summary>
    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = Cut(name, NameBytes);
        for (var number = 2; !names.Add(candidate); number++)
        {
            var suffix = $" ({number})";
            candidate = Cut(name, NameBytes - suffix.Length) + suffix;
        }

        return candidate;
    }

    private static string Cut(string text, int bytes)
    {
        while (Encoding.UTF8.GetByteCount(text) > bytes)
        {
            text = text[..^1];
        }

        return text;
    }

    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
