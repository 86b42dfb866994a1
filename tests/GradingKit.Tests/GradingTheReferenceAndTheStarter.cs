using System.Text.RegularExpressions;

namespace GradingKit.Tests;

[TestFixture]
[NonParallelizable]
public sealed partial class GradingTheReferenceAndTheStarter
{
    private static IReadOnlyList<string> ExerciseIds => Manifest.Load(Kit.ManifestPath).Exercises.Select(e => e.Id).ToList();

    [Test]
    public void The_reference_passes_every_grader_check()
    {
        var graded = GraderRun.Grade("reference");

        graded.Select(test => test.Exercise).Distinct().Order().ShouldBe(ExerciseIds);
        // One processor cannot tell parallel computing work from sequential: those checks say so instead of passing.
        // A timing check may be undecided only where the grader says this machine could not decide: one CPU, other processes busy, or parallel threads slowed.
        var failed = graded.Where(test => test.Outcome != "Passed" && !test.UndecidedByTheMachine()).ToList();
        failed.ShouldBeEmpty(string.Join("\n\n", failed.Select(test => $"{test}\n{test.Message}")));
    }

    [Test]
    public void The_starter_fails_every_grader_check_with_the_stub_message()
    {
        var starter = GraderRun.Grade("starter");
        var reference = GraderRun.Grade("reference");

        starter.Select(test => test.DisplayName).Order().ShouldBe(reference.Select(test => test.DisplayName).Order());
        foreach (var test in starter)
        {
            test.Outcome.ShouldBe("Failed", test.ToString());
            StubFailure().IsMatch(test.Message).ShouldBeTrue($"{test}: {test.Message}");
        }
    }

    /// <summary>
    /// The kit's submissions are graded in the grade command's hosts (<see cref="GraderRun.GradeSubmission"/>):
    /// a host reports the same tests as `dotnet test`, with the same names and timing checks, which
    /// decide whether an inconclusive outcome is the machine's.
    /// </summary>
    [Test]
    public void A_grading_host_reports_the_tests_and_timing_checks_that_dotnet_test_reports()
    {
        string[] exercises = ["E04", "E05"]; // a timed method, and timed test cases of a method
        var copy = Submissions.BuildFrom(Directory.CreateDirectory(Path.Combine(Kit.ScratchFolder("gradingkit-reference-copy-"), "Reference")).FullName);

        var hosted = GraderRun.GradeSubmission(copy, exercises);
        var tested = GraderRun.Grade("reference").Where(test => exercises.Contains(test.Exercise)).ToList();

        static string Shape(GradedTest test) => $"{test.Fixture}.{test.DisplayName} {test.Exercise}{(test.IsTimed ? " timed" : string.Empty)}";
        hosted.Select(Shape).Order().ShouldBe(tested.Select(Shape).Order());
        hosted.Count(test => test.IsTimed).ShouldBe(3);
        var failed = hosted.Where(test => test.Outcome != "Passed" && !test.UndecidedByTheMachine()).ToList();
        failed.ShouldBeEmpty(string.Join("\n\n", failed.Select(test => $"{test}\n{test.Message}")));
    }

    [Test]
    public void The_timing_scale_reaches_the_grader_through_dotnet_test_and_widens_every_limit()
    {
        const double Scale = 2;
        var log = Path.GetTempFileName();
        try
        {
            GraderRun.Run("reference", ["E02"], new Dictionary<string, string>
            {
                [RunParameters.TimingScale] = "2",
                [RunParameters.TimingLog] = log,
            });

            var attempts = File.ReadAllLines(log).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
            attempts.ShouldNotBeEmpty();
            foreach (var wall in attempts.Where(a => a.GetProperty("quantity").GetString() == "wall time"))
            {
                var ideal = TimeSpan.FromMilliseconds(wall.GetProperty("idealMs").GetDouble());
                TimeSpan.FromMilliseconds(wall.GetProperty("limitMs").GetDouble())
                    .ShouldBe((ideal * (1 + (Scale * Thresholds.Timing.Slack))) + (Thresholds.Timing.Overhead * Scale), TimeSpan.FromMilliseconds(0.01));
            }
        }
        finally
        {
            File.Delete(log);
        }
    }

    [GeneratedRegex(@"E\d{2}: \w+\.\w+ is not implemented yet\. Write it in E\d{2}\.\w+\.cs; the comment above the class explains the exercise\.")]
    private static partial Regex StubFailure();
}
