using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>What grading a submission must give, as written in its expected.json.</summary>
/// <param name="Mistake">The one mistake the submission makes; null for a correct alternative.</param>
/// <param name="Exercises">The exercises to grade.</param>
/// <param name="Failures">The checks that must fail ("E02.Method" or "E05.Method(display arguments)"), each with the name of the field of <see cref="Hints"/> its message must show.</param>
internal sealed record ExpectedGrade(string? Mistake, IReadOnlyList<string> Exercises, IReadOnlyDictionary<string, string> Failures)
{
    /// <summary>The hint a test must show, or null when it must pass.</summary>
    public Hint? HintFor(GradedTest test)
    {
        var name = Failures.GetValueOrDefault($"{test.Exercise}.{test.DisplayName}") ?? Failures.GetValueOrDefault($"{test.Exercise}.{test.Method}");
        return name is null
            ? null
            : typeof(Hints).GetField(name)?.GetValue(null) as Hint ?? throw new InvalidOperationException($"expected.json names an unknown hint: {name}");
    }
}

/// <summary>
/// The kit's test submissions under tests/Submissions: each folder holds only what differs from the
/// reference (whole files, by name) and the grade it must get (expected.json). A submission is built
/// as a project outside the kit, from the reference's sources with those files put in their place.
/// </summary>
internal static class Submissions
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static string Folder => Path.Combine(Kit.Root, "tests", "Submissions");

    public static IEnumerable<string> Names => Directory.EnumerateDirectories(Folder).Select(Path.GetFileName).Order()!;

    public static ExpectedGrade Expected(string name) =>
        JsonSerializer.Deserialize<ExpectedGrade>(File.ReadAllText(Path.Combine(Folder, name, "expected.json")), Json)
        ?? throw new InvalidOperationException($"{name}/expected.json is empty.");

    /// <summary>Writes the submission's project into a temporary folder and returns the project file.</summary>
    public static string Build(string name) => BuildFrom(Path.Combine(Folder, name));

    /// <summary>Writes a project of the reference's sources, with the .cs files of <paramref name="differences"/> in their place, into a temporary folder.</summary>
    public static string BuildFrom(string differences)
    {
        var name = Path.GetFileName(differences);
        var project = Directory.CreateTempSubdirectory($"gradingkit-{name}-").FullName;
        foreach (var source in Directory.EnumerateFiles(Path.Combine(Kit.Root, "reference", "GradingKit.Reference"), "*.cs")
            .Concat(Directory.EnumerateFiles(differences, "*.cs")))
        {
            File.Copy(source, Path.Combine(project, Path.GetFileName(source)), overwrite: true);
        }

        var path = Path.Combine(project, $"{name}.csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(Kit.Root, "starter", "GradingKit.Contracts", "GradingKit.Contracts.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        return path;
    }
}
