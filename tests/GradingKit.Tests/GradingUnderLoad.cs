using System.Diagnostics;
using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>
/// Grading while a CPU burner keeps one core busy, as on a student's laptop or a shared runner, and
/// on one CPU (the grade command pinned to one core with taskset): parallelism is decided by
/// witnesses that load cannot change, and a timing check that the machine cannot decide is never
/// awarded. The burner always stops: it is killed after each grade and bounded by `timeout` in case
/// this process dies first.
/// </summary>
[TestFixture]
[NonParallelizable]
[Platform(Include = "Linux", Reason = "The burner is a POSIX shell loop; the witness of the student's own computing reads /proc.")]
public sealed class GradingUnderLoad
{

    /// <summary>How the machine is made hard to time on.</summary>
    public enum Condition
    {
        /// <summary>A shell loop keeps one core busy.</summary>
        BusyCore,

        /// <summary>The grade command and its hosts run on one CPU.</summary>
        OneCpu,
    }

    [TestCase(Condition.BusyCore)]
    [TestCase(Condition.OneCpu)]
    public void Awards_the_reference_no_undecided_check_and_every_decided_one(Condition condition)
    {
        var graded = Grade(condition, "reference");

        graded.ExitCode.ShouldBe(0, graded.ToString());
        foreach (var (exercise, check) in Checks(graded.Json!.Value))
        {
            var verdict = check.GetProperty("verdict").GetString();
            var earned = check.GetProperty("earned").GetDouble();
            var what = $"{exercise} {check.GetProperty("test").GetString()}: {verdict}, {earned} points\n{graded.Output}";
            verdict.ShouldBeOneOf(["passed", "inconclusive"], what);
            earned.ShouldBe(verdict == "passed" ? check.GetProperty("points").GetDouble() : 0, what);
        }

        var json = graded.Json!.Value;
        var undecided = json.GetProperty("undecided").GetArrayLength();
        json.GetProperty("status").GetString().ShouldBe(undecided == 0 ? "graded" : "incomplete");
        if (undecided > 0)
        {
            graded.Output.ShouldContain("Incomplete");
            graded.Output.ShouldContain("--exercise");
        }
    }

    [TestCase(Condition.BusyCore)]
    [TestCase(Condition.OneCpu)]
    public void Fails_work_done_one_piece_after_another_with_its_hint(Condition condition)
    {
        var expected = Submissions.Expected("Sequential");
        var graded = Grade(condition, Submissions.Build("Sequential"));

        graded.ExitCode.ShouldBe(0, graded.ToString());
        foreach (var exercise in Exercises(condition))
        {
            var grade = graded.Exercise(exercise);
            grade.GetProperty("earned").GetDouble().ShouldBeLessThan(grade.GetProperty("points").GetDouble(), $"{exercise}\n{graded.Output}");
        }

        // Every untimed check and every witness-bearing check fails with its hint however busy the machine; a timed check decided by wall time alone may be undecided instead, never awarded.
        var witnessed = new[] { "E03.Runs_computing_tasks_in_about_n_x_duration_over_the_CPU_count", "E12.Speeds_up_over_its_own_sequential_run_by_about_the_CPU_count", "E13.Speeds_up_over_its_own_one_worker_run_by_about_the_CPU_count" };
        foreach (var (exercise, check) in Checks(graded.Json!.Value))
        {
            var key = $"{exercise}.{check.GetProperty("test").GetString()}";
            var verdict = check.GetProperty("verdict").GetString();
            var message = string.Join("\n", check.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("message").GetString()));
            if (expected.Failures.TryGetValue(key, out var hintName) && hintName is not null)
            {
                var timedByWallOnly = check.GetProperty("cases").EnumerateArray().Any(c => c.GetProperty("output").GetString()!.Contains("Attempt 1", StringComparison.Ordinal)) && !witnessed.Contains(key);
                if (timedByWallOnly && verdict == "inconclusive")
                {
                    check.GetProperty("earned").GetDouble().ShouldBe(0, key);
                    continue;
                }

                verdict.ShouldBe("failed", $"{key}\n{message}");
                message.ShouldContain($"Hint:     {(Hint)typeof(Hints).GetField(hintName)!.GetValue(null)!}", Case.Sensitive, key);
            }
        }
    }

    /// <summary>
    /// The exercises whose parallelism does not depend on P: one thread per task (E03), a given
    /// number of workers (E10), fork-join (E12), at least two workers for the files (E13); and E07,
    /// whose P tasks at once are one at P = 1, only beside a busy core.
    /// </summary>
    private static string[] Exercises(Condition condition) =>
        condition == Condition.BusyCore ? ["E03", "E07", "E10", "E12", "E13"] : ["E03", "E10", "E12", "E13"];

    private static IEnumerable<(string Exercise, JsonElement Check)> Checks(JsonElement report) =>
        report.GetProperty("exercises").EnumerateArray()
            .SelectMany(e => e.GetProperty("checks").EnumerateArray().Select(c => (e.GetProperty("id").GetString()!, c)));

    private static GradeCommandResult Grade(Condition condition, string implementation)
    {
        string[] arguments = ["--implementation", implementation, .. Exercises(condition).SelectMany(id => new[] { "--exercise", id })];
        var graded = condition == Condition.BusyCore
            ? WithABusyCore(() => GradeCommandRun.Grade(arguments))
            : GradeCommandRun.Grade(arguments, ["taskset", "-c", "0"]);
        if (condition == Condition.OneCpu)
        {
            graded.Output.ShouldContain("P = 1", Case.Sensitive, graded.ToString());
        }

        return graded;
    }

    private static T WithABusyCore<T>(Func<T> grade)
    {
        var start = new ProcessStartInfo("timeout", ["600", "sh", "-c", "while :; do :; done"]);
        using var burner = Process.Start(start)!;
        try
        {
            return grade();
        }
        finally
        {
            burner.Kill(entireProcessTree: true);
            burner.WaitForExit();
        }
    }
}
