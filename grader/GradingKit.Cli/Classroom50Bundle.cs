using System.Text.Json;
using System.Text.Json.Nodes;

namespace GradingKit.Cli;

/// <summary>
/// Classroom 50's autograder bundle for the kit (Classroom 50 succeeds GitHub Classroom): the folder
/// an instructor publishes as <c>&lt;classroom&gt;/autograders/&lt;slug&gt;/</c>, holding
/// <c>autograder.py</c> (finds or installs .NET 10, grades the checkout's exercise sources with the
/// bundle's own kit, always leaves result.json) and <c>kit/</c> (the student repository: no
/// reference); and beside it the assignment's entry for the classroom's assignments.json.
/// </summary>
public static class Classroom50Bundle
{
    /// <summary>Classroom 50 refuses a bundle larger than this.</summary>
    public const long MostBytes = 10L * 1024 * 1024;

    /// <summary>The bundle's folder that holds the student repository.</summary>
    public const string KitFolder = "kit";

    /// <summary>The assignment's entry, written beside the bundle folder.</summary>
    public const string EntryFile = "assignment-entry.json";

    /// <summary>The autograder script in the kit.</summary>
    public const string Script = "grader/GradingKit.Cli/Distribution/autograder.py";

    /// <summary>
    /// What a submission holds that grading uses: the exercises' sources and their project file (which only
    /// marks the folder). Build files, NuGet and SDK settings, run settings and other projects are dropped
    /// before grading (gitignore patterns, the last match wins).
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedFiles =
        ["*", "!*/", "!starter/GradingKit.Starter/**/*.cs", "!starter/GradingKit.Starter/GradingKit.Starter.csproj"];

    /// <summary>Writes the bundle folder and the entry beside it.</summary>
    /// <param name="kit">The kit's root folder.</param>
    /// <param name="output">The folder to write: it becomes the bundle (autograder.py, kit/); the entry goes beside it.</param>
    /// <param name="slug">The assignment's slug in Classroom 50.</param>
    /// <exception cref="UsageException">A bad slug, or a bundle over Classroom 50's limit.</exception>
    public static void Write(string kit, string output, string slug)
    {
        ArgumentNullException.ThrowIfNull(kit);
        if (!System.Text.RegularExpressions.Regex.IsMatch(slug, "^[a-z0-9][a-z0-9-]{1,38}$"))
        {
            throw new UsageException($"--slug {slug}: Classroom 50's slugs are 2 to 39 lower-case letters, digits and hyphens, starting with a letter or digit.");
        }

        output = Path.GetFullPath(output);
        Directory.CreateDirectory(output);
        File.Copy(Path.Combine(kit, Script), Path.Combine(output, "autograder.py"), overwrite: true);
        StudentRepository.Export(kit, Path.Combine(output, KitFolder), force: true);
        var size = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
        if (size > MostBytes)
        {
            throw new UsageException($"the bundle is {size / 1024 / 1024.0:0.0} MiB, above Classroom 50's {MostBytes / 1024 / 1024} MiB: remove build outputs from the kit and try again.");
        }

        var manifest = ManifestFile.Load(Path.Combine(kit, Manifest.FileName));
        var entry = new JsonObject
        {
            ["slug"] = slug,
            ["name"] = "Parallel programming in C#",
            ["description"] = $"{manifest.Exercises.Count} exercises, {manifest.Exercises.Sum(e => e.Points)} points, graded by GradingKit's autograder.py.",
            ["mode"] = "individual",
            ["autograder"] = "default",

            // GitHub's Ubuntu runner: the runner script's Python, and a .NET SDK that autograder.py finds or installs.
            ["runtime"] = new JsonObject { ["runs-on"] = "ubuntu-latest", ["python"] = "3.12" },
            ["allowed_files"] = new JsonArray(AllowedFiles.Select(pattern => (JsonNode)pattern!).ToArray()),
            ["release_assets"] = new JsonArray("gradingkit-report.json"),
        };
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(output)!, EntryFile), entry.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
    }
}
