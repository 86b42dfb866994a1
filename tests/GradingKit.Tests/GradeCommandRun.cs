using System.Diagnostics;
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
    public JsonElement Exercise(string id) => Json!.Value.GetProperty("exercises").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
}

/// <summary>Runs the built CLI (grader/GradingKit.Cli) from the kit's root: any command, or the grade command with every report it can write.</summary>
internal static class GradeCommandRun
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(10);

    public static string Cli => Path.Combine(Kit.Root, "grader", "GradingKit.Cli", "bin", "Debug", "net10.0", "gradingkit.dll");

    public static GradeCommandResult Grade(params string[] arguments)
    {
        var reports = Directory.CreateTempSubdirectory("gradingkit-reports-").FullName;
        try
        {
            var (exitCode, output, error) = Run(new[] { "grade" }.Concat(arguments).Concat(
            [
                "--json", Path.Combine(reports, "report.json"),
                "--classroom", Path.Combine(reports, "classroom.json"),
                "--gradescope", Path.Combine(reports, "results.json"),
                "--junit", Path.Combine(reports, "junit.xml"),
            ]));
            return new GradeCommandResult(
                exitCode,
                output,
                error,
                ReadJson(Path.Combine(reports, "report.json")),
                ReadJson(Path.Combine(reports, "classroom.json")),
                ReadJson(Path.Combine(reports, "results.json")),
                File.Exists(Path.Combine(reports, "junit.xml")) ? System.Xml.Linq.XDocument.Load(Path.Combine(reports, "junit.xml")) : null);
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }

    /// <summary>Runs the built CLI with these arguments from the kit's root, as a user's shell would (no test runner's variables).</summary>
    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Kit.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Prepend(Cli))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(GraderRun.IsRunnerVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gradingkit {string.Join(' ', arguments)} took over {RunLimit}.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static JsonElement? ReadJson(string path) =>
        File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone() : null;
}
