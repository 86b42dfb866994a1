namespace GradingKit.Tests;

/// <summary>
/// Every submission under tests/Submissions gets exactly the grade its expected.json states: each
/// listed check fails with the listed hint, every other check of the graded exercises passes. A
/// timing check may instead be undecided (inconclusive, worth nothing) where the grader itself says
/// the machine could not decide: on one processor, or while other processes took the CPU; never
/// where its witness saw the mistake.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GradingTheSubmissions
{
    private static IEnumerable<string> Names => Submissions.Names;

    [TestCaseSource(nameof(Names))]
    public void Gets_the_grade_it_expects(string name)
    {
        var expected = Submissions.Expected(name);
        var graded = GraderRun.GradeSubmission(Submissions.Built(name), expected.Exercises);
        var timed = graded.Where(test => test.IsTimed).Sum(test => test.Seconds);
        TestContext.Out.WriteLine($"{name}: {graded.Count} checks; timing checks {timed:F1} s, the others {graded.Sum(test => test.Seconds) - timed:F1} s");

        graded.Select(test => test.Exercise).Distinct().Order().ShouldBe(expected.Exercises.Order());
        var wrong = graded.Select(test => expected.Disagreement(test)).OfType<string>().ToList();
        if (expected.Mistake is not null && graded.All(test => test.Outcome is "Passed"))
        {
            wrong.Add("a submission with a mistake lost no check at all: the suite cannot tell it from a correct one");
        }

        wrong.ShouldBeEmpty($"{name}: {expected.Mistake ?? "a correct alternative"}\n\n" + string.Join("\n\n", wrong));
    }

    /// <summary>Each edit of expected.json finds its text exactly once in today's reference: a change to the reference that an edit no longer fits fails here, by name, before any grading.</summary>
    [TestCaseSource(nameof(Names))]
    public void States_edits_that_still_fit_the_reference(string name) =>
        Should.NotThrow(() => Submissions.BuildFrom(Path.Combine(Submissions.Folder, name)));

    [TestCaseSource(nameof(Names))]
    public void Names_only_checks_that_exist(string name)
    {
        var expected = Submissions.Expected(name);
        var reference = GraderRun.Grade("reference");

        foreach (var key in expected.Failures.Keys.Concat(expected.MayFail ?? []))
        {
            reference.Any(test => test.IsNamed(key))
                .ShouldBeTrue($"{name}/expected.json names {key}, which is no grader check");
        }
    }
}
