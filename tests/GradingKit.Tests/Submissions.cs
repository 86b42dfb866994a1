using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>What grading a submission must give, as written in its expected.json.</summary>
/// <param name="Mistake">The one mistake the submission makes; null for a correct alternative.</param>
/// <param name="Exercises">The exercises to grade.</param>
/// <param name="Failures">The checks that must fail ("E02.Method" or "E05.Method(display arguments)"), each with the name of the field of <see cref="Hints"/> its message must show.</param>
/// <param name="Edits">Changes to the reference's sources, each replacing one exact piece of one file; the other way to state a difference is a whole file of the same name.</param>
/// <param name="MayFail">Checks of <paramref name="Failures"/> that a race decides: they may pass, and when they fail they name their hint.</param>
internal sealed record ExpectedGrade(
    string? Mistake, IReadOnlyList<string> Exercises, IReadOnlyDictionary<string, string> Failures, IReadOnlyList<SourceEdit>? Edits = null, IReadOnlyList<string>? MayFail = null)
{
    /// <summary>Whether a race decides the test's verdict.</summary>
    public bool Racy(GradedTest test) =>
        (MayFail ?? []).Any(test.IsNamed);

    /// <summary>
    /// Why a test's verdict is not the one this grade expects, or null where it is: each listed check
    /// fails with its hint, every other check passes. A timing check may instead be undecided
    /// (inconclusive, worth nothing) where the grader itself says the machine could not decide: on one
    /// processor, or while other processes took the CPU; never where its witness saw the mistake,
    /// which fails the check.
    /// </summary>
    /// <param name="test">The test's result.</param>
    /// <param name="pinnedToOneCpu">Whether the grader ran pinned to one CPU: there a mistake of parallelism may cost no wall time, so a timing check may also pass; its witness must still fail it.</param>
    public string? Disagreement(GradedTest test, bool pinnedToOneCpu = false)
    {
        if (test.UndecidedByTheMachine(pinnedToOneCpu)
            || (test.IsTimed && pinnedToOneCpu && test.Outcome == "Passed")
            || (Racy(test) && test.Outcome == "Passed"))
        {
            return null;
        }

        var hints = HintsFor(test);
        if (hints.Count == 0)
        {
            return test.Outcome == "Passed" ? null : $"{test}, expected to pass:\n{test.Message}";
        }

        // A check that passed has no message: what it measured is in its output (the attempts of a timing check).
        return hints.Any(test.FailedWith) ? null : $"{test}, expected to fail with the hint \"{string.Join("\" or \"", hints.Select(hint => hint.Mistake))}\":\n{(test.Outcome == "Passed" ? test.Output : test.Message)}";
    }

    /// <summary>The hint a test must show (the first, where a race decides between several), or null when it must pass.</summary>
    public Hint? HintFor(GradedTest test) => HintsFor(test).FirstOrDefault();

    /// <summary>
    /// The hints a test may show, any one of them, where it must fail: one as a rule; "A or B" where a race
    /// decides which the check sees (a shared dictionary that miscounts, or throws as it breaks); none where it must pass.
    /// </summary>
    public IReadOnlyList<Hint> HintsFor(GradedTest test)
    {
        var names = Failures.GetValueOrDefault($"{test.Exercise}.{test.DisplayName}") ?? Failures.GetValueOrDefault($"{test.Exercise}.{test.Method}");
        return names is null
            ? []
            : names.Split(" or ").Select(name => typeof(Hints).GetField(name)?.GetValue(null) as Hint ?? throw new InvalidOperationException($"expected.json names an unknown hint: {name}")).ToList();
    }
}

/// <summary>One change to a reference source file: <paramref name="Find"/>, which must occur exactly once, becomes <paramref name="Replace"/>.</summary>
/// <param name="File">The file's name, for example E09.ExceptionCollector.cs.</param>
/// <param name="Find">The exact text to replace.</param>
/// <param name="Replace">What comes in its place.</param>
internal sealed record SourceEdit(string File, string Find, string Replace);

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

    /// <summary>Every submission, written and built together once per kit test run (the builds run side by side), by name.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, string>> BuiltTogether = new(() =>
    {
        var root = Kit.ScratchFolder("gradingkit-submissions-");
        var projects = Names.ToDictionary(name => name, name => BuildFrom(Path.Combine(Folder, name), Path.Combine(root, name)));
        var solution = Path.Combine(root, "submissions.slnx");
        File.WriteAllText(solution, $"<Solution>{string.Concat(projects.Values.Select(project => $"<Project Path=\"{Path.GetRelativePath(root, project)}\" />"))}</Solution>");
        var build = ChildProcess.Run(Kit.Root, "dotnet", ["build", solution, "-nologo", "-verbosity:quiet", "-maxCpuCount"], TimeSpan.FromMinutes(10));
        return build.ExitCode == 0 ? projects : throw new InvalidOperationException($"The kit's submissions did not build:\n{build}");
    });

    /// <summary>Writes the submission's project into a temporary folder and returns the project file.</summary>
    public static string Build(string name) => BuildFrom(Path.Combine(Folder, name));

    /// <summary>The submission's project, already built (<see cref="GraderRun.GradeSubmission"/> does not build it again); read only: it is shared.</summary>
    public static string Built(string name) => BuiltTogether.Value[name];

    /// <summary>Writes a project of the reference's sources, with the .cs files of <paramref name="differences"/> in their place, into <paramref name="into"/> or a temporary folder deleted when the test run ends.</summary>
    public static string BuildFrom(string differences, string? into = null)
    {
        var name = Path.GetFileName(differences);
        var project = into is null ? Kit.ScratchFolder($"gradingkit-{name}-") : Directory.CreateDirectory(into).FullName;
        foreach (var source in Directory.EnumerateFiles(Path.Combine(Kit.Root, "reference", "GradingKit.Reference"), "*.cs")
            .Concat(Directory.EnumerateFiles(differences, "*.cs")))
        {
            File.Copy(source, Path.Combine(project, Path.GetFileName(source)), overwrite: true);
        }

        var manifest = Path.Combine(differences, "expected.json");
        var edits = File.Exists(manifest) ? JsonSerializer.Deserialize<ExpectedGrade>(File.ReadAllText(manifest), Json)?.Edits ?? [] : [];
        foreach (var edit in edits)
        {
            var file = Path.Combine(project, edit.File);
            var text = File.ReadAllText(file);
            var at = text.IndexOf(edit.Find, StringComparison.Ordinal);
            if (at < 0 || text.IndexOf(edit.Find, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"{name}: the edit of {edit.File} must find its text exactly once: {edit.Find}");
            }

            File.WriteAllText(file, string.Concat(text.AsSpan(0, at), edit.Replace, text.AsSpan(at + edit.Find.Length)));
        }

        var path = Path.Combine(project, $"{name}.csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AssemblyName>{GraderRun.SubmissionAssembly}</AssemblyName>
                <OutputPath>{GraderRun.SubmissionOutput}/</OutputPath>
                <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(Kit.Root, "starter", "GradingKit.Contracts", "GradingKit.Contracts.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        return path;
    }
}
