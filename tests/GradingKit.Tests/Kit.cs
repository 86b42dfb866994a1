namespace GradingKit.Tests;

/// <summary>Where the kit's files are, found from the test assembly upwards.</summary>
internal static class Kit
{
    public static string Root { get; } = FindRoot();

    public static string GraderProject => Path.Combine(Root, "grader", "GradingKit.Grader", "GradingKit.Grader.csproj");

    public static string ManifestPath => Path.Combine(Root, Manifest.FileName);

    public static string ManifestSchemaPath => Path.Combine(Root, "assignments.schema.json");

    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> ScratchFolders = new();

    /// <summary>A new temporary folder that is deleted when the kit's test run ends (<see cref="DeleteScratchFolders"/>).</summary>
    /// <param name="prefix">The start of its name, saying what it is for.</param>
    /// <returns>The folder's full path.</returns>
    public static string ScratchFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        ScratchFolders.Enqueue(folder);
        return folder;
    }

    /// <summary>
    /// Deletes every scratch folder of the run: at its end, from the run's one-time tear-down. (Deleting
    /// them when the process exits left them behind: the test host is ended without running its exit
    /// handlers, and 395 folders, 288 MB, had gathered in /tmp on the development machine.)
    /// </summary>
    public static void DeleteScratchFolders()
    {
        while (ScratchFolders.TryDequeue(out var folder))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GradingKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GradingKit.sln above {AppContext.BaseDirectory}.");
    }
}
