using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>One run of the grade command, as a user runs it, with every report it can write.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">What it printed.</param>
/// <param name="Error">What it printed on standard error.</param>
/// <param name="Json">The kit's JSON report, when it wrote one.</param>
/// <param name="Classroom">GitHub Classroom's grader result.</param>
/// <param name="Gradescope">Gradescope's results.json.</param>
/// <param name="JUnit">The JUnit XML.</param>
internal sealed record GradeCommandResult(
    int ExitCode, string Output, string Error, JsonElement? Json, JsonElement? Classroom, JsonElement? Gradescope, System.Xml.Linq.XDocument? JUnit)
{
    /// <summary>Classroom 50's result.json.</summary>
    public JsonElement? Classroom50 { get; init; }

    /// <summary>Classroom 50's release-body.md, written beside it.</summary>
    public string? ReleaseBody { get; init; }

    /// <summary>The HTML page.</summary>
    public string? Html { get; init; }

    /// <summary>The step outputs for the classroom-resources reporter: a base64 result per runner.</summary>
    public Dictionary<string, string>? ClassroomOutputs { get; init; }

    public JsonElement Exercise(string id) => Json!.Value.GetProperty("exercises").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
}

/// <summary>Runs the built CLI (grader/GradingKit.Cli) from the kit's root: any command, or the grade command with every report it can write.</summary>
internal static class GradeCommandRun
{
    /// <summary>The score table's width in the kit's tests: wide enough that no measurement wraps.</summary>
    public const int WideColumns = 200;

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(10);

    public static string Cli => Path.Combine(Kit.Root, "grader", "GradingKit.Cli", "bin", "Debug", "net10.0", "gradingkit.dll");

    public static GradeCommandResult Grade(params string[] arguments) => Grade(arguments, []);

    /// <summary>
    /// Runs the grade command under a launcher (for example <c>taskset -c 0</c>: one CPU) with every report it can write,
    /// its score table as wide as <paramref name="columns"/> (COLUMNS).
    /// </summary>
    public static GradeCommandResult Grade(IReadOnlyList<string> arguments, IReadOnlyList<string> launcher, int columns = WideColumns)
    {
        var reports = Directory.CreateTempSubdirectory("gradingkit-reports-").FullName;
        try
        {
            var (exitCode, output, error) = Run(
                new[] { "grade" }.Concat(arguments).Concat(
                [
                    "--json", Path.Combine(reports, "report.json"),
                    "--classroom", Path.Combine(reports, "classroom.json"),
                    "--gradescope", Path.Combine(reports, "results.json"),
                    "--junit", Path.Combine(reports, "junit.xml"),
                    "--classroom50", Path.Combine(reports, "result.json"),
                    "--html", Path.Combine(reports, "report.html"),
                    "--classroom-outputs", Path.Combine(reports, "github-output"),
                ]),
                launcher,
                columns);
            return new GradeCommandResult(
                exitCode,
                output,
                error,
                ReadJson(Path.Combine(reports, "report.json")),
                ReadJson(Path.Combine(reports, "classroom.json")),
                ReadJson(Path.Combine(reports, "results.json")),
                File.Exists(Path.Combine(reports, "junit.xml")) ? System.Xml.Linq.XDocument.Load(Path.Combine(reports, "junit.xml")) : null)
            {
                Classroom50 = ReadJson(Path.Combine(reports, "result.json")),
                ReleaseBody = File.Exists(Path.Combine(reports, "release-body.md")) ? File.ReadAllText(Path.Combine(reports, "release-body.md")) : null,
                Html = File.Exists(Path.Combine(reports, "report.html")) ? File.ReadAllText(Path.Combine(reports, "report.html")) : null,
                ClassroomOutputs = File.Exists(Path.Combine(reports, "github-output")) ? ClassroomReporter.ReadOutputs(Path.Combine(reports, "github-output")) : null,
            };
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }

    /// <summary>Runs the built CLI with these arguments from the kit's root, as a user's shell would (no test runner's variables).</summary>
    public static ProcessResult Run(IEnumerable<string> arguments, IReadOnlyList<string>? launcher = null, int columns = WideColumns)
    {
        var environment = new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return launcher is { Count: > 0 }
            ? ChildProcess.Run(Kit.Root, launcher[0], launcher.Skip(1).Append("dotnet").Append(Cli).Concat(arguments), RunLimit, environment)
            : ChildProcess.Run(Kit.Root, "dotnet", arguments.Prepend(Cli), RunLimit, environment);
    }

    private static JsonElement? ReadJson(string path) =>
        File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone() : null;
}
