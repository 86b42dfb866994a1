using System.Text.Json;

namespace GradingKit.Cli;

/// <summary>
/// The repository students receive, made from the kit: the contract, the starter, the grader and the
/// grade command, the manifest, the build settings, a solution of exactly those projects, a README for
/// students, the course text, the GitHub Classroom workflow and a Codespaces devcontainer. No reference,
/// no kit tests, no instructor material.
/// </summary>
public static class StudentRepository
{
    /// <summary>The kit's projects that the student repository holds, as folders relative to the root.</summary>
    public static readonly IReadOnlyList<string> Projects =
    [
        "starter/GradingKit.Contracts",
        "starter/GradingKit.Starter",
        "grader/GradingKit.Protocol",
        "grader/GradingKit.Grading",
        "grader/GradingKit.StudentClasses",
        "grader/GradingKit.Grader",
        "grader/GradingKit.Cli",
    ];

    /// <summary>The kit's folders that the student repository holds outside its solution: the API policy, and the project the grade command builds a submission in.</summary>
    public static readonly IReadOnlyList<string> SupportFolders = ["starter/ApiPolicy", "grader/GradingKit.Submission"];

    /// <summary>The kit's files at its root that the student repository holds as they are.</summary>
    public static readonly IReadOnlyList<string> RootFiles =
    [
        Manifest.FileName, "assignments.schema.json", "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", ".gitignore",
    ];

    /// <summary>The kit's documents for students, copied as they are: the course text, exercise by exercise.</summary>
    public static readonly IReadOnlyList<string> Documents = ["docs/course.md"];

    /// <summary>The files the export writes itself rather than copies.</summary>
    public static readonly IReadOnlyList<string> GeneratedFiles =
    [
        "GradingKit.sln", "README.md", ClassroomWorkflow.RelativePath, ".devcontainer/devcontainer.json", SolutionProps,
    ];

    /// <summary>
    /// The solution's MSBuild settings: the projects of `dotnet test` at the root build one after
    /// another in the command's own node, so that the test results reach the student's terminal
    /// (in a terminal, `dotnet test` forwards no output of the test run from MSBuild's worker nodes).
    /// </summary>
    public const string SolutionProps = "Directory.Solution.props";

    /// <summary>The template of the students' README, in the kit; the line <see cref="ExerciseTablePlaceholder"/> becomes the table of exercises.</summary>
    public const string ReadmeTemplate = "grader/GradingKit.Cli/Distribution/StudentReadme.md";

    /// <summary>The line of the README template that the exercise table replaces.</summary>
    public const string ExerciseTablePlaceholder = "<!-- exercises -->";

    /// <summary>The Codespaces image: the .NET 10 SDK.</summary>
    public const string DevcontainerImage = "mcr.microsoft.com/devcontainers/dotnet:10.0";

    /// <summary>Folders never copied: build outputs, test results, editors' settings.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "TestResults" };

    private static readonly TimeSpan DotnetLimit = TimeSpan.FromMinutes(2);

    /// <summary>Writes the student repository.</summary>
    /// <param name="kit">The kit's root folder.</param>
    /// <param name="target">The folder to write it to: missing, empty, an earlier export, or anything with <paramref name="force"/>.</param>
    /// <param name="force">Write into a non-empty folder that is not an earlier export.</param>
    /// <exception cref="UsageException">The target is the kit itself, or a non-empty folder that is not an earlier export and force is off.</exception>
    public static void Export(string kit, string target, bool force)
    {
        ArgumentNullException.ThrowIfNull(kit);
        target = Path.GetFullPath(target);
        CheckTarget(kit, target, force);
        var manifest = ManifestFile.Load(Path.Combine(kit, Manifest.FileName));
        foreach (var entry in Projects.Concat(SupportFolders).Concat(RootFiles).Concat(Documents).Concat(GeneratedFiles))
        {
            Remove(Path.Combine(target, entry));
        }

        foreach (var folder in Projects.Concat(SupportFolders))
        {
            CopyFolder(Path.Combine(kit, folder), Path.Combine(target, folder));
        }

        foreach (var file in RootFiles.Concat(Documents))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, file))!);
            File.Copy(Path.Combine(kit, file), Path.Combine(target, file), overwrite: true);
        }

        Write(target, "README.md", Readme(kit, manifest));
        Write(target, SolutionProps, """
            <Project>
              <!-- `dotnet test` at the root: the projects build one after another in the command's own node, so that
                   the test results reach a terminal (from MSBuild's worker nodes they do not). -->
              <PropertyGroup>
                <BuildInParallel>false</BuildInParallel>
              </PropertyGroup>
            </Project>

            """);
        Write(target, ClassroomWorkflow.RelativePath, ClassroomWorkflow.Generate(manifest));
        Write(target, ".devcontainer/devcontainer.json", Devcontainer());
        WriteSolution(target);
    }

    /// <summary>Whether a folder holds an earlier export: the grader and the manifest, but no reference and no kit tests.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>True for an earlier export.</returns>
    public static bool IsExport(string folder) =>
        File.Exists(Path.Combine(folder, Manifest.FileName))
        && Directory.Exists(Path.Combine(folder, "grader", "GradingKit.Grader"))
        && !Directory.Exists(Path.Combine(folder, "reference"))
        && !Directory.Exists(Path.Combine(folder, "tests"));

    private static void CheckTarget(string kit, string target, bool force)
    {
        if (string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(kit)), Path.TrimEndingDirectorySeparator(target), StringComparison.Ordinal))
        {
            throw new UsageException($"--out {target} is the kit itself; name another folder.");
        }

        if (File.Exists(target))
        {
            throw new UsageException($"--out {target} is a file; name a folder (missing, empty, or an earlier export).");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any(entry => Path.GetFileName(entry) != ".git")
            && !IsExport(target) && !force)
        {
            throw new UsageException(
                $"--out {target} is neither empty nor an earlier export; name an empty folder, or add --force to write into it (the exported files are replaced, others are left alone).");
        }
    }

    private static void Remove(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(f => !Skipped.Contains(Path.GetFileName(f)) && !Path.GetFileName(f).StartsWith('.')))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static void Write(string root, string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    private static string Readme(string kit, Manifest manifest)
    {
        var table = string.Join('\n', manifest.Exercises.Select(e => $"| {e.Id} | {e.Title} | `{e.Class}` | {e.Points} |"));
        return File.ReadAllText(Path.Combine(kit, ReadmeTemplate))
            .Replace(ExerciseTablePlaceholder, "| Id | Exercise | Class | Points |\n|---|---|---|---|\n" + table, StringComparison.Ordinal);
    }

    private static string Devcontainer() =>
        JsonSerializer.Serialize(
            new
            {
                name = "GradingKit",
                image = DevcontainerImage,
                customizations = new { vscode = new { extensions = new[] { "ms-dotnettools.csdevkit" } } },
                postCreateCommand = "dotnet build GradingKit.sln",
            },
            new JsonSerializerOptions { WriteIndented = true, IndentSize = 2 }) + "\n";

    /// <summary>A classic .sln of the exported projects, written by the SDK itself.</summary>
    private static void WriteSolution(string target)
    {
        Dotnet(target, "new", "sln", "--format", "sln", "--name", "GradingKit", "--force");
        Dotnet(target, ["sln", "GradingKit.sln", "add", .. Projects.Select(p => $"{p}/{Path.GetFileName(p)}.csproj")]);
    }

    private static void Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = ChildProcess.Start("dotnet", arguments, workingDirectory);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var run = ChildProcess.Run(start, DotnetLimit);
        if (!run.Succeeded)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{run.Output}\n{run.Error}");
        }
    }
}
