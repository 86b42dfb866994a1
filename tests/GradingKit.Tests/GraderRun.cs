using System.Collections.Concurrent;
using System.Diagnostics;
using System.Xml.Linq;

namespace GradingKit.Tests;

/// <summary>One grader test's result, read from the NUnit report of a grading run.</summary>
/// <param name="Fixture">The fixture class, for example E04_PoolMap.</param>
/// <param name="Method">The test method.</param>
/// <param name="DisplayName">The test case's name as the runner shows it.</param>
/// <param name="Categories">Its NUnit categories.</param>
/// <param name="Outcome">Passed, Failed, Skipped ...; "Failed:Error" where the test threw instead of failing an assertion.</param>
/// <param name="Message">The failure message, if any.</param>
internal sealed record GradedTest(string Fixture, string Method, string DisplayName, IReadOnlyList<string> Categories, string Outcome, string Message)
{
    public override string ToString() => $"{Fixture}.{DisplayName}: {Outcome}";
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

    public static IReadOnlyList<GradedTest> Grade(string implementation) =>
        Runs.GetOrAdd(implementation, name => new Lazy<IReadOnlyList<GradedTest>>(() => Run(name))).Value;

    private static List<GradedTest> Run(string implementation)
    {
        var results = Directory.CreateTempSubdirectory("gradingkit-run-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Kit.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "test", Kit.GraderProject, $"-p:Implementation={implementation}",
                "--", $"NUnit.TestOutputXml={results}",
            })
            {
                start.ArgumentList.Add(argument);
            }

            // The outer test host's settings must not leak into the nested run.
            foreach (var name in start.Environment.Keys.Where(IsRunnerVariable).ToList())
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(RunLimit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Grading {implementation} took over {RunLimit}.");
            }

            var report = Path.Combine(results, "GradingKit.Grader.xml");
            TestContext.Out.WriteLine($"Graded {implementation}: exit code {process.ExitCode}");
            if (!File.Exists(report))
            {
                throw new InvalidOperationException($"Grading {implementation} wrote no report:\n{output.Result}\n{error.Result}");
            }

            return Read(report);
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    private static bool IsRunnerVariable(string name) =>
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
            (string?)test.Element("failure")?.Element("message") ?? string.Empty)).ToList();
}
