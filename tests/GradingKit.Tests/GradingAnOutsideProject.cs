namespace GradingKit.Tests;

/// <summary>
/// An instructor grades a student's repository by the path of its project. That repository has
/// its own copy of the contract, outside this kit and without the kit's build settings.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GradingAnOutsideProject
{
    private const string ProjectSettings = """
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
        """;

    private DirectoryInfo outside = null!;

    [OneTimeSetUp]
    public void WriteTheOutsideRepository()
    {
        outside = Directory.CreateTempSubdirectory("gradingkit-outside-");
        Copy(Path.Combine(Kit.Root, "starter", "GradingKit.Contracts"), Path.Combine(outside.FullName, "Contracts"));
        File.WriteAllText(Path.Combine(outside.FullName, "Contracts", "GradingKit.Contracts.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
            {ProjectSettings}
              </PropertyGroup>
            </Project>
            """);
        Copy(Path.Combine(Kit.Root, "reference", "GradingKit.Reference"), Path.Combine(outside.FullName, "Submission"));
        File.WriteAllText(Path.Combine(outside.FullName, "Submission", "Submission.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
            {ProjectSettings}
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Contracts/GradingKit.Contracts.csproj" />
              </ItemGroup>
            </Project>
            """);
    }

    [OneTimeTearDown]
    public void DeleteTheOutsideRepository() => outside.Delete(recursive: true);

    [Test]
    public void A_project_with_its_own_copy_of_the_contract_is_graded_by_its_relative_path()
    {
        var project = Path.GetRelativePath(Kit.Root, Path.Combine(outside.FullName, "Submission", "Submission.csproj"));

        // What is at stake is the build (a contract of its own, no kit settings), not the timing: three exercises with little timing suffice.
        string[] exercises = ["E01", "E09", "E11"];
        var graded = GraderRun.Grade(project, exercises);

        graded.Count.ShouldBe(GraderRun.Grade("reference").Count(test => exercises.Contains(test.Exercise)));
        var failed = graded.Where(test => test.Outcome != "Passed").ToList();
        failed.ShouldBeEmpty(string.Join("\n\n", failed.Select(test => $"{test}\n{test.Message}")));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var source in Directory.EnumerateFiles(from, "*.cs"))
        {
            File.Copy(source, Path.Combine(to, Path.GetFileName(source)));
        }
    }
}
