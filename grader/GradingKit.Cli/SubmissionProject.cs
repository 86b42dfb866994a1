namespace GradingKit.Cli;

/// <summary>
/// Finds the project to grade in a student's submission folder: a student repository
/// (starter/GradingKit.Starter/*.csproj), or a project folder (a .csproj in it), at the folder itself
/// or up to <see cref="MaxDepth"/> folders below it (an unpacked archive often adds one).
/// </summary>
public static class SubmissionProject
{
    /// <summary>How many folders below the submission folder a project may lie.</summary>
    public const int MaxDepth = 3;

    private static readonly string[] Skipped = ["bin", "obj", "node_modules"];

    /// <summary>The project of the submission: the shallowest folder holding a student repository or a project decides.</summary>
    /// <param name="submission">The student's folder.</param>
    /// <returns>The project file's full path.</returns>
    /// <exception cref="UsageException">No project, or several at the same depth.</exception>
    public static string Find(DirectoryInfo submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        IReadOnlyList<DirectoryInfo> level = [submission];
        for (var depth = 0; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var projects = level.SelectMany(Projects).ToList();
            if (projects.Count == 1)
            {
                return projects[0];
            }

            if (projects.Count > 1)
            {
                throw new UsageException(
                    $"several projects, none of them starter/GradingKit.Starter: {string.Join(", ", projects.Select(p => Path.GetRelativePath(submission.FullName, p)))}; keep the one to grade.");
            }

            level = level.SelectMany(folder => folder.EnumerateDirectories())
                .Where(folder => !folder.Name.StartsWith('.') && !Skipped.Contains(folder.Name, StringComparer.OrdinalIgnoreCase))
                .ToList();
        }

        throw new UsageException(
            $"no project: no starter/GradingKit.Starter/GradingKit.Starter.csproj and no other .csproj in the folder or up to {MaxDepth} folders below it.");
    }

    /// <summary>The projects a folder offers: its student repository's starter project, else its own .csproj files but a copy of the contract.</summary>
    private static IEnumerable<string> Projects(DirectoryInfo folder)
    {
        var starter = Path.Combine(folder.FullName, "starter", "GradingKit.Starter");
        var repository = Directory.Exists(starter) ? Directory.GetFiles(starter, "*.csproj") : [];
        return repository.Length > 0
            ? repository
            : folder.EnumerateFiles("*.csproj").Where(file => file.Name != "GradingKit.Contracts.csproj").Select(file => file.FullName);
    }
}
