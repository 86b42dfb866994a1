using System.Collections.Concurrent;
using System.Xml.Linq;

namespace GradingKit.Tests;

/// <summary>One grader test's result, read from the NUnit report of a grading run.</summary>
/// <param name="Fixture">The fixture class, for example E04_PoolMap.</param>
/// <param name="Method">The test method.</param>
/// <param name="DisplayName">The test case's name as the runner shows it.</param>
/// <param name="Categories">Its NUnit categories.</param>
/// <param name="Outcome">Passed, Failed, Skipped ...; "Failed:Error" where the test threw instead of failing an assertion.</param>
/// <param name="Message">The failure message, or why the test was inconclusive or skipped, if any.</param>
internal sealed partial record GradedTest(string Fixture, string Method, string DisplayName, IReadOnlyList<string> Categories, string Outcome, string Message)
{
    /// <summary>The exercise id: the one category of the form E01 .. E13.</summary>
    public string Exercise => Categories.Single(category => ExerciseId().IsMatch(category));

    /// <summary>Whether this is a timing check.</summary>
    public bool IsTimed => Categories.Contains(TimedAttribute.Category);

    public override string ToString() => $"{Fixture}.{DisplayName}: {Outcome}";

    [System.Text.RegularExpressions.GeneratedRegex(@"^E\d{2}$")]
    private static partial System.Text.RegularExpressions.Regex ExerciseId();
}

/// <summary>
/// Grades an implementation exactly as students and instructors do: `dotnet test` on the grader
/// with -p:Implementation=..., reading NUnit's own report (TRX carries no categories). Each
/// implementation is graded once per kit test run.
/// </summary>
internal static class GraderRun
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<GradedTest>>> Runs = new();

    /// <summary>Grades an implementation, all of it or only some exercises, once per process.</summary>
    /// <param name="implementation">starter, reference, or a project's path.</param>
    /// <param name="exercises">The exercise ids to grade; none for all.</param>
    /// <returns>Every grader test that ran, with its outcome.</returns>
    public static IReadOnlyList<GradedTest> Grade(string implementation, params IReadOnlyList<string> exercises) =>
        Runs.GetOrAdd(
            $"{implementation}|{string.Join('|', exercises)}",
            _ => new Lazy<IReadOnlyList<GradedTest>>(() => Run(implementation, exercises, new Dictionary<string, string>()))).Value;

    /// <summary>Grades an implementation afresh, with test run parameters.</summary>
    /// <param name="implementation">starter, reference, or a project's path.</param>
    /// <param name="exercises">The exercise ids to grade; none for all.</param>
    /// <param name="parameters">Test run parameters for the grader (for example timing-log).</param>
    /// <returns>Every grader test that ran, with its outcome.</returns>
    public static List<GradedTest> Run(string implementation, IReadOnlyList<string> exercises, IReadOnlyDictionary<string, string> parameters)
    {
        var results = Directory.CreateTempSubdirectory("gradingkit-run-").FullName;
        try
        {
            var filter = exercises.Count == 0 ? [] : new[] { "--filter", string.Join('|', exercises.Select(id => $"Category={id}")) };
            var run = ChildProcess.Run(
                Kit.Root,
                "dotnet",
                new[] { "test", Kit.GraderProject, $"-p:Implementation={implementation}" }
                    .Concat(filter)
                    .Concat(CoverageArguments())
                    .Concat(["--", $"NUnit.TestOutputXml={results}"])
                    .Concat(parameters.Select(p => $"TestRunParameters.Parameter(name=\"{p.Key}\", value=\"{p.Value}\")")),
                RunLimit);
            var report = Path.Combine(results, "GradingKit.Grader.xml");
            if (!File.Exists(report))
            {
                throw new InvalidOperationException($"Grading {implementation} wrote no report:\n{run}");
            }

            return Read(report);
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    /// <summary>
    /// Where coverage of the grading library is wanted (<c>GRADINGKIT_COVERAGE_DIR</c>, set by
    /// .ci/run), the nested run collects it too: most of the library runs in the grader's test host.
    /// </summary>
    private static string[] CoverageArguments() =>
        Environment.GetEnvironmentVariable("GRADINGKIT_COVERAGE_DIR") is { Length: > 0 } directory
            ? ["--collect", "XPlat Code Coverage", "--settings", Path.Combine(Kit.Root, "tests", "coverage.runsettings"), "--results-directory", directory]
            : [];

    public static bool IsRunnerVariable(string name) =>
        name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("COVERLET", StringComparison.OrdinalIgnoreCase);

    private static List<GradedTest> Read(string report) =>
        XDocument.Load(report).Descendants("test-case").Select(test => new GradedTest(
            ((string)test.Attribute("classname")!).Split('.')[^1],
            (string)test.Attribute("methodname")!,
            (string)test.Attribute("name")!,
            test.AncestorsAndSelf().Elements("properties").Elements("property")
                .Where(property => (string?)property.Attribute("name") == "Category")
                .Select(property => (string)property.Attribute("value")!)
                .ToList(),
            (string)test.Attribute("result")! + (test.Attribute("label") is { } label ? $":{label.Value}" : string.Empty),
            (string?)test.Element("failure")?.Element("message") ?? (string?)test.Element("reason")?.Element("message") ?? string.Empty)).ToList();
}
