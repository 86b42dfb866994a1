namespace GradingKit.Cli;

/// <summary>
/// Scores an exercise from its checks' test cases, by the rules of the README's grade command: a check earns its
/// points when every case passed; a timing check only when every untimed check of the exercise
/// passed too (speed is graded on work done right: code that does nothing is fast); a timing
/// check that this machine could not decide (undecided) earns nothing and makes the run
/// incomplete: it is never awarded silently; an exercise whose grading host crashed or hung earns nothing.
/// </summary>
public static class Scoring
{
    /// <summary>Scores one exercise.</summary>
    /// <param name="exercise">The exercise's manifest entry.</param>
    /// <param name="cases">The cases the host reported, by test method.</param>
    /// <param name="fault">What went wrong with the host during it, if anything.</param>
    /// <returns>The exercise's grade.</returns>
    public static ExerciseGrade Score(ExerciseEntry exercise, ILookup<string, CaseResult> cases, string? fault)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(cases);
        var verdicts = exercise.Checks.ToDictionary(check => check.Test, check => VerdictOf(cases[check.Test].ToList()));
        var workDoneRight = exercise.Checks.Where(check => !check.Timed).All(check => verdicts[check.Test] == Verdict.Passed);
        var checks = exercise.Checks.Select(check =>
        {
            var verdict = verdicts[check.Test];
            var (earned, note) = (fault, verdict) switch
            {
                (not null, _) => (0.0, $"no points: {fault}"),
                (_, Verdict.Passed or Verdict.Inconclusive) when check.Timed && !workDoneRight =>
                    (0.0, "not awarded: a timing check counts only when every untimed check of the exercise passed (fast is worth nothing when the work is wrong)"),
                (_, Verdict.Passed) => (check.Points, null),
                (_, Verdict.Inconclusive) => (0.0, $"undecided on this machine: not awarded; grade --exercise {exercise.Id} again on a quieter machine to decide it"),
                _ => (0.0, (string?)null),
            };
            return new CheckGrade(check.Test, check.Points, earned, verdict, note, cases[check.Test].ToList());
        }).ToList();
        return new ExerciseGrade(exercise.Id, exercise.Title, exercise.Points, checks.Sum(c => c.Earned), fault, checks);
    }

    private static Verdict VerdictOf(IReadOnlyList<CaseResult> cases) =>
        cases.Count == 0 ? Verdict.NotRun
        : cases.Any(c => c.Verdict is Verdict.Failed or Verdict.NotRun) ? Verdict.Failed
        : cases.Any(c => c.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive
        : Verdict.Passed;
}
