using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>
/// Each folder under tests/Faults is the reference with one fault in one exercise: an exception on a
/// raw thread, a deadlock, an endless loop, a stack overflow, Environment.Exit, Environment.FailFast,
/// threads left running, a timer left armed, a finalizer that throws. Graded by the grade command with the exercises beside it, that exercise
/// alone loses its points, with the fault named; the others keep full marks. A fault that the grading host
/// reports after the exercise's checks (work left running, exceptions that escaped outside its calls)
/// shows in a student's own <c>dotnet test</c> too.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GradingWithFaults
{
    /// <summary>
    /// Each exercise's limit, unless the fault's expected.json sets its own: short enough to keep the kit's
    /// tests fast, long enough for any exercise of the reference (E12's speed-up takes about 11 s). A hang
    /// waits out the whole limit, so the hangs, which sit between exercises that take a second or two,
    /// set a shorter one.
    /// </summary>
    private const int ExerciseLimitSeconds = 20;

    private static string Folder => Path.Combine(Kit.Root, "tests", "Faults");

    private static IEnumerable<string> Names => Directory.EnumerateDirectories(Folder).Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(Names))]
    public void A_fault_costs_only_its_own_exercise_and_is_named(string name)
    {
        var expected = Expected(name);
        var project = Submissions.BuildFrom(Path.Combine(Folder, name));

        // The exercise before it, itself, and the one after: the fault must not reach back, and grading must go on.
        var ids = Manifest.Load(Kit.ManifestPath).Exercises.Select(e => e.Id).ToList();
        var at = ids.IndexOf(expected.Exercise);
        var graded = GradeCommandRun.Grade(
            ids.Skip(Math.Max(0, at - 1)).Take(at == 0 ? 2 : 3).SelectMany(id => new[] { "--exercise", id })
                .Concat(["--implementation", project, "--exercise-limit", $"{expected.ExerciseLimit ?? ExerciseLimitSeconds}"]).ToArray());

        graded.ExitCode.ShouldBe(0, graded.ToString());
        var faulty = graded.Exercise(expected.Exercise);
        TestContext.Out.WriteLine(
            $"{name}: {expected.Exercise} earned {faulty.GetProperty("earned").GetDouble()} of {faulty.GetProperty("points").GetDouble()}; "
            + $"fault: {faulty.GetProperty("fault").GetString() ?? "none (the host survived)"}; "
            + $"total {graded.Json!.Value.GetProperty("earned").GetDouble()}, {graded.Json.Value.GetProperty("seconds").GetDouble():0} s");
        foreach (var exercise in graded.Json!.Value.GetProperty("exercises").EnumerateArray())
        {
            var id = exercise.GetProperty("id").GetString();
            var earned = exercise.GetProperty("earned").GetDouble();
            var points = exercise.GetProperty("points").GetDouble();
            var fault = exercise.GetProperty("fault").GetString();
            if (id != expected.Exercise)
            {
                // Every check keeps its points; a busy machine may leave a timing check undecided (it
                // earns nothing and says why), but the fault next door must not fail one.
                fault.ShouldBeNull($"{id} should keep its points; fault: {fault}");
                foreach (var check in exercise.GetProperty("checks").EnumerateArray())
                {
                    var verdict = check.GetProperty("verdict").GetString();
                    var what = $"{id} {check.GetProperty("test").GetString()} should keep its points: {verdict}\n{graded.Output}";
                    verdict.ShouldBeOneOf(["passed", "inconclusive"], what);
                    check.GetProperty("earned").GetDouble().ShouldBe(verdict == "passed" ? check.GetProperty("points").GetDouble() : 0, what);
                }

                continue;
            }

            earned.ShouldBeLessThan(points, $"{id} should lose points");
            if (expected.Fault is not null)
            {
                earned.ShouldBe(0);
                fault.ShouldNotBeNull().ShouldContain(expected.Fault);
            }

            if (expected.Message is not null)
            {
                exercise.GetProperty("checks").EnumerateArray()
                    .SelectMany(check => check.GetProperty("cases").EnumerateArray())
                    .ShouldContain(c => c.GetProperty("message").GetString()!.Contains(expected.Message), $"a message naming: {expected.Message}");
            }
        }
    }

    [TestCaseSource(nameof(AfterTheChecks))]
    public void A_students_own_dotnet_test_shows_the_fault_that_the_grade_command_charges_after_the_checks(string name)
    {
        var expected = Expected(name);

        var run = GraderRun.TestSubmissionOutput(Submissions.BuildFrom(Path.Combine(Folder, name)), [expected.Exercise]);

        run.Output.ShouldContain(expected.Fault!, Case.Sensitive, run.ToString());
        run.Output.ShouldContain($"The grade command counts this as a fault: {expected.Exercise} earns nothing.", Case.Sensitive, run.ToString());
    }

    [Test]
    public void A_students_own_dotnet_test_of_the_reference_shows_no_fault()
    {
        var reference = Submissions.BuildFrom(Kit.ScratchFolder("gradingkit-no-changes-"));

        var run = GraderRun.TestSubmissionOutput(reference, ["E01", "E02", "E09"]);

        run.Output.ShouldNotContain("The grade command counts this as a fault", Case.Sensitive, run.ToString());
    }

    /// <summary>The faults that the grading host reports after the exercise's checks (<see cref="ExerciseFaults"/>), not by ending.</summary>
    private static IEnumerable<string> AfterTheChecks() =>
        Names.Where(name => Expected(name).Fault is { } fault
            && (fault.Contains(" left work running after its checks", StringComparison.Ordinal) || fault.Contains(" let exceptions escape outside its calls", StringComparison.Ordinal)));

    private static FaultExpectation Expected(string name) =>
        JsonSerializer.Deserialize<FaultExpectation>(File.ReadAllText(Path.Combine(Folder, name, "expected.json")), JsonSerializerOptions.Web)!;

    /// <summary>What a fault folder's expected.json says.</summary>
    /// <param name="Exercise">The exercise with the fault.</param>
    /// <param name="Fault">What the exercise's fault must say (the host ended or hung), if it ends the host.</param>
    /// <param name="Message">What a check's failure must say, where the host survives the fault.</param>
    /// <param name="ExerciseLimit">Each exercise's limit in seconds, where it is not <see cref="ExerciseLimitSeconds"/>.</param>
    private sealed record FaultExpectation(string Exercise, string? Fault, string? Message, int? ExerciseLimit = null);
}
