using System.Diagnostics;
using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>
/// Grading while a CPU burner keeps one core busy, as on a student's laptop or a shared runner, and
/// on one CPU (the grade command pinned to one core with taskset), alone or beside a busy CPU it may
/// not use: parallelism is decided by witnesses that load cannot change, and a timing check that
/// the machine cannot decide is never awarded. The burner always stops: it is killed after each grade and bounded by `timeout` in case
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

        /// <summary>
        /// The grade command and its hosts run on one CPU while a shell loop keeps another one busy, a CPU
        /// they may not use (as in a container given some of a busy machine's CPUs): that load takes nothing
        /// from them, so it must be credited as nothing.
        /// </summary>
        OneCpuBesideABusyOne,
    }

    /// <summary>The exercises whose limits credit the CPU time other processes took: computing work.</summary>
    private static readonly string[] ComputingExercises = ["E03", "E12", "E13"];

    [TestCase(Condition.BusyCore)]
    [TestCase(Condition.OneCpu)]
    [TestCase(Condition.OneCpuBesideABusyOne)]
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

    /// <summary>
    /// Submissions whose one mistake is parallelism, each with the check that must fail with its hint
    /// whatever the load: a count of what ran at once (untimed), or the witness of a timing check; and
    /// On one CPU, E07's sum runs one waiting task at a time by design (P tasks at once), so it is left out.
    /// (E06's and E08's mistakes are decided by counts of the grader's tasks at once, as E07's and E10's are.)
    /// </summary>
    private static IEnumerable<TestCaseData> ParallelismMistakes() =>
        from condition in new[] { Condition.BusyCore, Condition.OneCpu }
        from mistake in new[]
        {
            ("Wrong.JoinRightAfterStart", "E03.Runs_computing_tasks_in_about_n_x_duration_over_the_CPU_count"),
            ("Wrong.SequentialSum", "E07.Runs_waiting_tasks_in_parallel"),
            ("Wrong.OneWorkerFillsTheArray", "E10.Writes_from_exactly_the_given_number_of_workers_at_once"),
            ("Wrong.JoinRightAfterFork", "E12.Speeds_up_over_its_own_sequential_run_by_about_the_CPU_count"),
            ("Wrong.OneFileAfterAnother", "E13.Speeds_up_over_its_own_one_worker_run_by_about_the_CPU_count"),
        }
        where condition == Condition.BusyCore || mistake.Item1 is not "Wrong.SequentialSum"
        select new TestCaseData(condition, mistake.Item1, mistake.Item2);

    [TestCaseSource(nameof(ParallelismMistakes))]
    public void Fails_a_mistake_of_parallelism_with_its_hint(Condition condition, string name, string decidedBy)
    {
        var expected = Submissions.Expected(name);
        var project = Submissions.Built(name);
        var graded = condition == Condition.BusyCore
            ? WithABusyCore(() => GraderRun.GradeSubmission(project, expected.Exercises))
            : GraderRun.GradeSubmission(project, expected.Exercises, ["taskset", "-c", "0"]);

        var witness = graded.Single(test => test.IsNamed(decidedBy));
        witness.FailedWith(expected.HintFor(witness)!).ShouldBeTrue($"{name} under {condition}: {witness}, expected to fail with its hint whatever the load:\n{witness.Message}");
        var wrong = graded.Select(test => expected.Disagreement(test, pinnedToOneCpu: condition == Condition.OneCpu)).OfType<string>().ToList();
        wrong.ShouldBeEmpty($"{name} under {condition}: {expected.Mistake}\n\n" + string.Join("\n\n", wrong));
    }

    /// <summary>
    /// A baseline slowed on purpose never earns a speed-up beside a busy core, the condition that moves
    /// CPU-time ratios: its check fails with its hint, or is undecided because other processes took the
    /// CPU (beside them, the reference's one-worker count has cost 1.56 x the CPU time of its two
    /// workers, as much as a baseline that does its work twice).
    /// </summary>
    [Test]
    public void Never_awards_a_baseline_slowed_on_purpose_beside_a_busy_core()
    {
        const string name = "Wrong.SandbaggedBaseline";
        var expected = Submissions.Expected(name);

        var graded = WithABusyCore(() => GraderRun.GradeSubmission(Submissions.Built(name), expected.Exercises));

        foreach (var speedUp in graded.Where(test => expected.HintFor(test) is not null))
        {
            var undecided = speedUp.UndecidedByTheMachine() && speedUp.Message.Contains("other processes took", StringComparison.Ordinal);
            (speedUp.FailedWith(expected.HintFor(speedUp)!) || undecided).ShouldBeTrue($"{name} beside a busy core: {speedUp}, expected to fail with its hint or stay undecided:\n{speedUp.Message}{speedUp.Output}");
        }
    }

    private static IEnumerable<(string Exercise, JsonElement Check)> Checks(JsonElement report) =>
        report.GetProperty("exercises").EnumerateArray()
            .SelectMany(e => e.GetProperty("checks").EnumerateArray().Select(c => (e.GetProperty("id").GetString()!, c)));

    private static GradeCommandResult Grade(Condition condition, string implementation)
    {
        string[] arguments = ["--implementation", implementation];
        var graded = condition switch
        {
            Condition.BusyCore => WithABusyCore(() => GradeCommandRun.Grade(arguments)),
            Condition.OneCpu => GradeCommandRun.Grade(arguments, ["taskset", "-c", "0"]),
            _ => WithABusyCore(() => GradeCommandRun.Grade([.. arguments, .. ComputingExercises.SelectMany(id => new[] { "--exercise", id })], ["taskset", "-c", "0"]), onCpu: 1),
        };
        if (condition != Condition.BusyCore)
        {
            graded.Output.ShouldContain("P = 1", Case.Sensitive, graded.ToString());
        }

        return graded;
    }

    private static T WithABusyCore<T>(Func<T> grade, int? onCpu = null)
    {
        if (onCpu is { } cpu)
        {
            Assume.That(Environment.ProcessorCount, Is.GreaterThan(cpu), $"CPU {cpu} is needed for the burner, apart from the grading's CPU 0.");
        }

        string[] loop = ["timeout", "600", "sh", "-c", "while :; do :; done"];
        string[] command = onCpu is { } pinned ? ["taskset", "-c", pinned.ToString(System.Globalization.CultureInfo.InvariantCulture), .. loop] : loop;
        var start = new ProcessStartInfo(command[0], command[1..]);
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
