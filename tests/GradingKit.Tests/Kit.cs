namespace GradingKit.Tests;

/// <summary>Where the kit's files are, found from the test assembly upwards.</summary>
internal static class Kit
{
    public static string Root { get; } = FindRoot();

    public static string GraderProject => Path.Combine(Root, "grader", "GradingKit.Grader", "GradingKit.Grader.csproj");

    public static string ManifestPath => Path.Combine(Root, Manifest.FileName);

    public static string ManifestSchemaPath => Path.Combine(Root, "assignments.schema.json");

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
