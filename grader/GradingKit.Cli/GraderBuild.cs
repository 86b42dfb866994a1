using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GradingKit.Cli;

/// <summary>The grader, built for one implementation; or why it could not be.</summary>
/// <param name="GraderAssembly">The built grader, when the build succeeded.</param>
/// <param name="Errors">The compiler's errors, paths relative to the submission, when it failed.</param>
/// <param name="Violations">The uses of APIs that the policy bans (starter/ApiPolicy/BannedSymbols.txt), each with file, line and API: the submission is not graded.</param>
public sealed record BuiltGrader(string? GraderAssembly, IReadOnlyList<string> Errors, IReadOnlyList<string> Violations);

/// <summary>
/// The builds of a batch of submissions (grade-all). They run in MSBuild's server and the C# compiler's
/// server, which stay running between students; and since every submission compiles in the same kit
/// project, the kit's projects are restored at most until one build has succeeded (<see cref="RestoreStamp"/>).
/// Measured on 2 CPUs, a student's build: 7.4 to 9.7 s alone; 3.2 to 4.8 s in the compiler's server;
/// 1.6 to 2.3 s with MSBuild's server and no restore. Disposing the batch stops both servers.
/// </summary>
public sealed class BuildBatch : IDisposable
{
    private bool started;
    private bool restored;

    /// <summary>Stops the servers, if a build of the batch started them (once).</summary>
    public void Dispose()
    {
        if (started)
        {
            started = false;
            GraderBuild.StopTheBuildServers();
        }
    }

    /// <summary>Whether a build of the batch has succeeded, so that the kit's projects are restored.</summary>
    internal bool Restored => restored;

    /// <summary>Sets up a build of the batch: in the servers.</summary>
    /// <param name="build">The build's start.</param>
    internal void Prepare(ProcessStartInfo build)
    {
        started = true;
        build.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "1";
        build.Environment.Remove("MSBUILDDISABLENODEREUSE");
        build.ArgumentList.Add("-nodeReuse:true");
        build.ArgumentList.Add("-p:UseSharedCompilation=true");
    }

    internal void Succeeded() => restored = true;
}

/// <summary>
/// Builds the kit's grader against a submission's exercise sources: `dotnet build
/// grader/GradingKit.Grader -p:SubmissionSources=...`, which compiles them in the kit's own
/// GradingKit.Submission project under the API policy, then GradingKit.StudentClasses against them.
/// The grader itself compiles against StudentClasses' public surface, the same for every submission:
/// after the first build only those two small projects compile again. The submission's own build
/// files never run.
/// </summary>
public static partial class GraderBuild
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);

    /// <summary>Resolves what the user named: starter, reference, a .csproj, or a folder that holds exactly one .csproj.</summary>
    /// <param name="implementation">The --implementation value.</param>
    /// <param name="workingDirectory">Where relative paths start.</param>
    /// <returns>starter, reference, or the project file's full path.</returns>
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
                ? RequireProjectFile(projects[0])
                : throw new UsageException($"--implementation {implementation}: the folder {path} holds {projects.Length} .csproj files; name the project file itself.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--implementation {implementation}: no such file or folder ({path}). Use starter, reference, or the path of a .csproj.");
        }

        return path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            ? RequireProjectFile(path)
            : throw new UsageException($"--implementation {implementation}: {path} is not a .csproj project file.");
    }

    /// <summary>The folder whose .cs files are the implementation's sources.</summary>
    /// <param name="kitRoot">The kit's root folder.</param>
    /// <param name="implementation">starter, reference or a project's full path (<see cref="Resolve"/>).</param>
    /// <returns>The folder's full path.</returns>
    public static string SourceFolder(string kitRoot, string implementation) => implementation switch
    {
        "starter" => Path.Combine(kitRoot, "starter", "GradingKit.Starter"),
        "reference" => Path.Combine(kitRoot, "reference", "GradingKit.Reference"),
        _ => Path.GetDirectoryName(implementation)!,
    };

    /// <summary>Builds the grader for the submission's sources.</summary>
    /// <param name="kitRoot">The kit's root folder.</param>
    /// <param name="implementation">starter, reference or a project's full path: what the checks' replay lines name.</param>
    /// <param name="sources">The submission's sources, copied by the kit.</param>
    /// <param name="batch">The batch this build belongs to (grade-all), if any; otherwise the build starts afresh and leaves nothing running.</param>
    /// <returns>The built grader, the compiler's errors, or the policy's violations.</returns>
    public static BuiltGrader Build(string kitRoot, string implementation, SubmissionSources sources, BuildBatch? batch = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var grader = Path.Combine(kitRoot, "grader", "GradingKit.Grader");
        var restore = new RestoreStamp(kitRoot);
        var skipRestore = restore.IsCurrent() || batch?.Restored == true;
        var build = ChildProcess.Run(BuildStart(grader, implementation, sources, batch, skipRestore), BuildLimit);
        if (skipRestore && !build.Succeeded && !build.OverranItsLimit && !NamesACompilerError(build))
        {
            // Restored for other project files, or the package folder emptied since: restore, and build again.
            build = ChildProcess.Run(BuildStart(grader, implementation, sources, batch, skipRestore: false), BuildLimit);
            skipRestore = false;
        }

        if (build.Succeeded && !skipRestore)
        {
            restore.Write();
        }

        if (build.OverranItsLimit)
        {
            return new BuiltGrader(null, [$"The build did not finish within {BuildLimit.TotalMinutes:0} minutes."], []);
        }

        var lines = (build.Output + build.Error)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => ProjectSuffix().Replace(line, string.Empty))
            .ToList();
        var violations = ApiPolicy.Violations(sources, lines);
        if (violations.Count > 0)
        {
            return new BuiltGrader(null, [], violations);
        }

        if (build.Succeeded)
        {
            batch?.Succeeded();
            return new BuiltGrader(Path.Combine(grader, "bin", "Debug", "net10.0", "GradingKit.Grader.dll"), [], []);
        }

        var errors = lines
            .Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) && !ErrorCount().IsMatch(line))
            .Select(line => Explain(line, Path.Combine(kitRoot, "grader", "GradingKit.StudentClasses"), sources.Folder))
            .Distinct()
            .ToList();
        return new BuiltGrader(null, errors.Count > 0 ? errors : ["The build failed without naming an error."], []);
    }

    private static ProcessStartInfo BuildStart(string grader, string implementation, SubmissionSources sources, BuildBatch? batch, bool skipRestore)
    {
        var start = ChildProcess.Start(
            "dotnet",
            [
                "build", Path.Combine(grader, "GradingKit.Grader.csproj"),
                $"-p:Implementation={MSBuildEscape(implementation)}", $"-p:SubmissionSources={MSBuildEscape(sources.Folder)}",
                $"-p:PolicyLog={MSBuildEscape(sources.PolicyLog)}",
                "-nologo", "-verbosity:quiet", "-consoleLoggerParameters:NoSummary;ErrorsOnly",
            ]);
        if (batch is null)
        {
            start.ArgumentList.Add("-nodeReuse:false");
        }
        else
        {
            batch.Prepare(start);
        }

        if (skipRestore)
        {
            start.ArgumentList.Add("--no-restore");
        }

        return start;
    }

    /// <summary>Whether a failed build names an error of the compiler or the API policy: the submission's, which no restore would change.</summary>
    private static bool NamesACompilerError(ChildExit build) => CompilerError().IsMatch(build.Output + build.Error);

    /// <summary>Stops the build servers that a <see cref="BuildBatch"/> left running (MSBuild's, the C# compiler's), so that nothing of the grading outlives it.</summary>
    internal static void StopTheBuildServers() =>
        ChildProcess.Run(ChildProcess.Start("dotnet", ["build-server", "shutdown", "--msbuild", "--vbcscompiler"]), TimeSpan.FromSeconds(30));

    /// <summary>
    /// A project file is only a marker of the implementation's folder and is never evaluated; still,
    /// one that is not a well-formed MSBuild project is a mistake worth naming.
    /// </summary>
    private static string RequireProjectFile(string path)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(path, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            return System.Xml.Linq.XDocument.Load(reader).Root?.Name.LocalName == "Project"
                ? path
                : throw new UsageException($"{path} is not an MSBuild project: its root element is not <Project>.");
        }
        catch (System.Xml.XmlException problem)
        {
            throw new UsageException($"{path} is not a well-formed project file: {problem.Message}");
        }
    }

    /// <summary>A value for an MSBuild -p: switch, where ';' would start another property and '%', '$', '@' and quotes mean something.</summary>
    private static string MSBuildEscape(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal).Replace("$", "%24", StringComparison.Ordinal)
            .Replace("@", "%40", StringComparison.Ordinal).Replace("'", "%27", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal);

    /// <summary>
    /// An error in the kit's StudentClasses project, the one place that names the submission's
    /// classes, means a class is not as the contract asks: say which and how.
    /// </summary>
    private static string Explain(string line, string studentClasses, string submission)
    {
        if (line.StartsWith(studentClasses, StringComparison.Ordinal))
        {
            return ContractError().Match(line) is { Success: true } error
                ? ExplainContract(error.Groups["code"].Value, error.Groups["message"].Value)
                : line;
        }

        return Path.GetRelativePath(submission, line.Split('(')[0]) is var relative && !relative.StartsWith("..", StringComparison.Ordinal)
            ? relative + line[line.Split('(')[0].Length..]
            : line;
    }

    private static string ExplainContract(string code, string message)
    {
        // Each name quoted in the message, without its namespace or parameters: 'GradingKit.Exercises.Pool' and 'Pool.Pool(int)' are Pool.
        var named = Quoted().Matches(message).Select(m => m.Groups["name"].Value.Split('(')[0].Split('.', ':')[^1]).ToList();
        var name = (code == "CS7036" ? named.LastOrDefault() : named.FirstOrDefault()) ?? "?";
        return code switch
        {
            "CS0234" => $"The submission does not define the public class GradingKit.Exercises.{name} (every exercise class must exist, even unfinished).",
            "CS0122" => $"The submission's class GradingKit.Exercises.{name} or its constructor is not public: the contract asks for a public class with a public constructor without parameters.",
            "CS0266" or "CS0029" => $"The submission's class {name} does not implement {named.ElementAtOrDefault(1) ?? "its interface"}, which the contract asks for (declare it: class {name} : {named.ElementAtOrDefault(1) ?? "I" + name}).",
            "CS1729" or "CS7036" => $"The submission's class {name} has no public constructor without parameters, which the grader uses to create it.",
            "CS0144" or "CS0712" => $"The submission's class {name} is abstract or static: the grader must be able to create it with new {name}().",
            _ => $"The submission's exercise classes do not match the contract: {code}: {message}",
        };
    }

    [GeneratedRegex(@"error (CS|RS)\d{4}:")]
    private static partial Regex CompilerError();

    [GeneratedRegex(@"^\d+ Error\(s\)$")]
    private static partial Regex ErrorCount();

    [GeneratedRegex(@"\s*\[[^\]]*\.csproj\]$")]
    private static partial Regex ProjectSuffix();

    [GeneratedRegex(@"error (?<code>CS\d+): (?<message>.*)$")]
    private static partial Regex ContractError();

    [GeneratedRegex(@"'(?<name>[^']+)'")]
    private static partial Regex Quoted();
}

/// <summary>A mistake in how the command was called or in assignments.json: reported without a stack trace, exit code 2.</summary>
/// <param name="message">What is wrong and how to put it right.</param>
public sealed class UsageException(string message) : Exception(message);
