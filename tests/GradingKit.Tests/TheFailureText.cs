namespace GradingKit.Tests;

/// <summary>
/// A failed check as a student reads it under <c>dotnet test</c>: what was measured and expected, the
/// hint, the seed and the replay line; the student's own frames where their code threw, and no frame
/// of the grader's, which would only send a student reading the grader.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TheFailureText
{
    private static readonly string[] GradersFiles = ["GradingKit.Grading", "GradingKit.Protocol", "GradingKit.Grader", "Feedback.cs", "StudentCode.cs", "GraderVerdicts.cs"];

    [Test]
    public void Draws_the_timeline_of_a_sequential_run_above_the_ideal_one()
    {
        var graded = GraderRun.TestSubmission(Submissions.Built("Sequential"), ["E04"]);

        var timed = graded.Single(test => test.Method == "Takes_about_ceil_n_over_CPUs_task_durations");
        timed.Outcome.ShouldBe("Failed", timed.Message);
        var timeline = timed.Message.Split('\n').SkipWhile(line => !line.Contains("'s timeline, a column per", StringComparison.Ordinal)).TakeWhile(line => !line.Contains("Expected:", StringComparison.Ordinal)).ToList();
        timeline.ShouldNotBeEmpty(timed.Message);
        timeline.Count(line => line.Contains(" thread ", StringComparison.Ordinal)).ShouldBe(1, timed.Message); // one after another on the caller's thread
        timeline.Count(line => line.Contains(" worker ", StringComparison.Ordinal)).ShouldBe(TimingModel.Processors, timed.Message);
        timeline.Skip(1).ShouldAllBe(line => line.Trim().Length <= Timeline.Width);
        var run = timeline.Single(line => line.Contains("your run", StringComparison.Ordinal));
        var ideal = timeline.Single(line => line.Contains("ideal", StringComparison.Ordinal));
        run.Count(c => c is '#' or '=').ShouldBeGreaterThan(ideal.Count(c => c is '#' or '=') * 3 / 2, timed.Message);
    }

    [Test]
    public void Shows_the_students_own_frames_and_none_of_the_graders()
    {
        var differences = Directory.CreateTempSubdirectory("gradingkit-failing-");
        try
        {
            // E01 throws from a helper of the student's; E11 forgets to validate its argument.
            File.WriteAllText(Path.Combine(differences.FullName, "expected.json"), """
                {
                  "edits": [
                    {
                      "file": "E01.CpuCounter.cs",
                      "find": "public int ProcessorCount() => Environment.ProcessorCount;",
                      "replace": "public int ProcessorCount() => CountOnce(Environment.ProcessorCount);\n    private static int CountOnce(int count) => count > 0 ? throw new InvalidOperationException(\"counted twice\") : count;"
                    },
                    {
                      "file": "E11.Fibonacci.cs",
                      "find": "ArgumentOutOfRangeException.ThrowIfNegative(n);\n        BigInteger previous",
                      "replace": "BigInteger previous"
                    }
                  ]
                }
                """);

            var graded = GraderRun.TestSubmission(Submissions.BuildFrom(differences.FullName), ["E01", "E11"]);

            var threw = graded.Single(test => test.Method == "Returns_the_processor_count_of_this_process");
            var unvalidated = graded.Single(test => test.Method == "Rejects_a_negative_n");
            threw.Outcome.ShouldStartWith("Failed", Case.Sensitive, threw.Message);
            threw.Message.ShouldContain("CpuCounter.ProcessorCount() threw InvalidOperationException.");
            threw.Message.ShouldContain("counted twice");
            threw.Message.ShouldContain("at GradingKit.Exercises.CpuCounter.CountOnce(");
            unvalidated.Outcome.ShouldBe("Failed", unvalidated.Message);
            unvalidated.Message.ShouldContain($"Hint:     {Hints.NotValidated}");
            unvalidated.Output.ShouldContain("Replay this check with the same data: dotnet test");
            foreach (var failed in new[] { threw, unvalidated })
            {
                failed.StackTrace.ShouldBeEmpty(failed.ToString());
                foreach (var file in GradersFiles)
                {
                    failed.Message.ShouldNotContain(file, Case.Sensitive, failed.ToString());
                }
            }
        }
        finally
        {
            differences.Delete(recursive: true);
        }
    }
}
