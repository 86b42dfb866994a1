using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GradingKit.Cli;

/// <summary>The grader, built for one implementation; or why it could not be.</summary>
/// <param name="GraderAssembly">The built grader, when the build succeeded.</param>
/// <param name="Errors">The compiler's errors, paths relative to the submission, when it failed.</param>
public sealed record BuiltGrader(string? GraderAssembly, IReadOnlyList<string> Errors);

/// <summary>Builds the kit's grader against an implementation: `dotnet build grader/GradingKit.Grader -p:Implementation=...`.</summary>
public static partial class GraderBuild
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);

    /// <summary>Resolves what the user named: starter, reference, a .csproj, or a folder that holds exactly one .csproj.</summary>
    /// <param name="implementation">The --implementation value.</param>
    /// <param name="workingDirectory">Where relative paths start.</param>
    /// <returns>The value for -p:Implementation.</returns>
    /// <exception cref="UsageException">The path does not exist or is not a project.</exception>
    public static string Resolve(string implementation, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        if (implementation is "starter" or "reference")
        {
            return implementation;
        }

        var path = Path.GetFullPath(implementation, workingDirectory);
        if (Directory.Exists(path))
        {
            var projects = Directory.GetFiles(path, "*.csproj");
            return projects.Length == 1
                ? projects[0]
                : throw new UsageException($"--implementation {implementation}: the folder {path} holds {projects.Length} .csproj files; name the project file itself.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--implementation {implementation}: no such file or folder ({path}). Use starter, reference, or the path of a .csproj.");
        }

        return path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            ? path
            : throw new UsageException($"--implementation {implementation}: {path} is not a .csproj project file.");
    }

    /// <summary>Builds the grader for the implementation.</summary>
    /// <param name="kitRoot">The kit's root folder.</param>
    /// <param name="implementation">starter, reference or a project's full path.</param>
    /// <returns>The built grader or the compiler's errors.</returns>
    public static BuiltGrader Build(string kitRoot, string implementation)
    {
        if (implementation is not ("starter" or "reference") && MissingReferences(implementation) is { Count: > 0 } missing)
        {
            return new BuiltGrader(null, missing);
        }

        var grader = Path.Combine(kitRoot, "grader", "GradingKit.Grader");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "build", Path.Combine(grader, "GradingKit.Grader.csproj"), $"-p:Implementation={implementation}",
            "-nologo", "-verbosity:quiet", "-consoleLoggerParameters:NoSummary;ErrorsOnly",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(BuildLimit))
        {
            build.Kill(entireProcessTree: true);
            return new BuiltGrader(null, [$"The build did not finish within {BuildLimit.TotalMinutes:0} minutes."]);
        }

        if (build.ExitCode == 0)
        {
            return new BuiltGrader(Path.Combine(grader, "bin", "Debug", "net10.0", "GradingKit.Grader.dll"), []);
        }

        var submission = implementation is "starter" or "reference" ? kitRoot : Path.GetDirectoryName(implementation)!;
        var errors = (output.Result + error.Result)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) && !ErrorCount().IsMatch(line))
            .Select(line => Explain(ProjectSuffix().Replace(line, string.Empty), grader, submission))
            .Distinct()
            .ToList();
        return new BuiltGrader(null, errors.Count > 0 ? errors : ["The build failed without naming an error."]);
    }

    /// <summary>
    /// The project references of a submission that point nowhere, each explained. Restore fails on
    /// them without a word ("RestoreTask returned false but did not log an error"), as it does for
    /// a starter project sent without the contract's folder beside it.
    /// </summary>
    private static List<string> MissingReferences(string project)
    {
        var folder = Path.GetDirectoryName(project)!;
        return System.Xml.Linq.XDocument.Load(project).Descendants()
            .Where(element => element.Name.LocalName == "ProjectReference")
            .Select(element => (string?)element.Attribute("Include"))
            .OfType<string>()
            .Where(include => !include.Contains("$(", StringComparison.Ordinal))
            .Select(include => (Include: include, Path: Path.GetFullPath(include.Replace('\\', '/'), folder)))
            .Where(reference => !File.Exists(reference.Path))
            .Select(reference =>
                $"{Path.GetFileName(project)} references {reference.Include}, which is not there ({reference.Path}). "
                + "Grade the whole student repository (starter/ with GradingKit.Contracts beside GradingKit.Starter), or point the reference at the contract.")
            .ToList();
    }

    /// <summary>An error in the grader's own files means the submission lacks what the contract asks for: say that.</summary>
    private static string Explain(string line, string grader, string submission)
    {
        if (line.StartsWith(grader, StringComparison.Ordinal) && MissingType().Match(line) is { Success: true } type)
        {
            return $"The submission does not define the public class GradingKit.Exercises.{type.Groups["name"].Value} (every exercise class must exist, even unfinished).";
        }

        if (line.StartsWith(grader, StringComparison.Ordinal) && MissingMember().Match(line) is { Success: true } member)
        {
            return $"The submission's {member.Groups["type"].Value} lacks {member.Groups["member"].Value}, which the contract asks for.";
        }

        return Path.GetRelativePath(submission, line.Split('(')[0]) is var relative && !relative.StartsWith("..", StringComparison.Ordinal)
            ? relative + line[line.Split('(')[0].Length..]
            : line;
    }

    [GeneratedRegex(@"^\d+ Error\(s\)$")]
    private static partial Regex ErrorCount();

    [GeneratedRegex(@"\s*\[[^\]]*\.csproj\]$")]
    private static partial Regex ProjectSuffix();

    [GeneratedRegex(@"error CS0246: The type or namespace name '(?<name>\w+)' could not be found")]
    private static partial Regex MissingType();

    [GeneratedRegex(@"error CS1061: '(?<type>\w+)' does not contain a definition for '(?<member>\w+)'")]
    private static partial Regex MissingMember();
}

/// <summary>A mistake in how the command was called or in assignments.json: reported without a stack trace, exit code 2.</summary>
/// <param name="message">What is wrong and how to put it right.</param>
public sealed class UsageException(string message) : Exception(message);
