namespace GradingKit.Cli;

/// <summary>How a check, an exercise or a whole run ended.</summary>
public enum Verdict
{
    /// <summary>Every case passed.</summary>
    Passed,

    /// <summary>A case failed.</summary>
    Failed,

    /// <summary>A timing check this machine could not decide (undecided): it earns nothing, and the run is incomplete.</summary>
    Inconclusive,

    /// <summary>It did not run: its exercise ended in a fault, or the submission did not build.</summary>
    NotRun,
}

/// <summary>How the grading of one submission ended: its report's status, and its gradebook row's.</summary>
public enum GradeStatus
{
    /// <summary>Graded: every check was decided.</summary>
    Graded,

    /// <summary>Graded, with timing checks that stayed undecided on this machine: they earned nothing.</summary>
    Incomplete,

    /// <summary>Not graded: the submission did not build or held no project, or the kit failed.</summary>
    Error,

    /// <summary>Not graded: the submission uses APIs that the grader does not allow.</summary>
    Integrity,

    /// <summary>Only in a merged gradebook: the student's shard ended before grading them, or left no part.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("not graded")]
    NotGraded,
}

/// <summary>What a <see cref="GradeStatus"/> means to the reports and the gradebook.</summary>
public static class GradeStatuses
{
    private static readonly Dictionary<GradeStatus, string> Texts = new()
    {
        [GradeStatus.Graded] = "graded",
        [GradeStatus.Incomplete] = "incomplete",
        [GradeStatus.Error] = "error",
        [GradeStatus.Integrity] = "integrity",
        [GradeStatus.NotGraded] = "not graded",
    };

    /// <summary>The status as every report and the gradebook write it: graded, incomplete, error, integrity, not graded.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its text.</returns>
    public static string Text(this GradeStatus status) => Texts[status];

    /// <summary>Reads a status as <see cref="Text"/> writes it.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The status, or null for a text that is none.</returns>
    public static GradeStatus? Parse(string text) => Texts.Where(pair => pair.Value == text).Select(pair => (GradeStatus?)pair.Key).FirstOrDefault();

    /// <summary>Whether the submission was graded (its points stand, undecided checks at 0), as opposed to not graded at all.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for graded and incomplete.</returns>
    public static bool WasGraded(this GradeStatus status) => status is GradeStatus.Graded or GradeStatus.Incomplete;
}

/// <summary>One test case of a check, as the grading host reported it.</summary>
/// <param name="Name">The case's name, arguments included.</param>
/// <param name="Verdict">Its verdict.</param>
/// <param name="Message">The failure or inconclusive message: measured, expected, hint.</param>
/// <param name="Output">What it printed: the seed and replay command, the timing attempts.</param>
/// <param name="Seconds">How long it took.</param>
public sealed record CaseResult(string Name, Verdict Verdict, string Message, string Output, double Seconds)
{
    /// <summary>A timing check's picture of the attempt that decided it, if it kept one.</summary>
    public TimedPicture? Picture { get; init; }
}

/// <summary>One check of an exercise: a grader test method and its points.</summary>
/// <param name="Test">The test method.</param>
/// <param name="Points">Its points in assignments.json.</param>
/// <param name="Earned">The points it earned.</param>
/// <param name="Verdict">Its verdict.</param>
/// <param name="Note">Why it earned what it did, where that needs saying (inconclusive checks).</param>
/// <param name="Cases">Its test cases.</param>
public sealed record CheckGrade(string Test, double Points, double Earned, Verdict Verdict, string? Note, IReadOnlyList<CaseResult> Cases);

/// <summary>One exercise's grade.</summary>
/// <param name="Id">E01 .. E13.</param>
/// <param name="Title">Its title.</param>
/// <param name="Points">Its points.</param>
/// <param name="Earned">The points it earned.</param>
/// <param name="Fault">What went wrong with the grading host during it, if anything: it then earns nothing.</param>
/// <param name="Checks">Its checks.</param>
public sealed record ExerciseGrade(string Id, string Title, double Points, double Earned, string? Fault, IReadOnlyList<CheckGrade> Checks);

/// <summary>A whole grading run.</summary>
/// <param name="Implementation">What was graded.</param>
/// <param name="Status">Graded; incomplete when timing checks stayed undecided; error when the submission did not build; integrity when it uses APIs that the policy bans.</param>
/// <param name="Error">The build errors or the policy's violations, where it was not graded.</param>
/// <param name="Points">The points possible.</param>
/// <param name="Earned">The points earned.</param>
/// <param name="Seconds">How long grading took, build included.</param>
/// <param name="Processors">P, the processors of the grading host.</param>
/// <param name="Exercises">Every graded exercise.</param>
public sealed record GradeReport(
    string Implementation, GradeStatus Status, string? Error, double Points, double Earned, double Seconds, int Processors, IReadOnlyList<ExerciseGrade> Exercises)
{
    /// <summary>Whether the grading hosts ran in the sandbox, or why not (<see cref="Cli.Sandbox"/>); empty where no host ran.</summary>
    public string Sandbox { get; init; } = string.Empty;

    /// <summary>The .cs files the submission was built from, relative to its folder (the grade command builds nothing else of it).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The .cs files the build left out or took under another name, each with why (<see cref="SubmissionSources.Left"/>).</summary>
    public IReadOnlyList<string> SourcesLeft { get; init; } = [];

    /// <summary>The checks this machine could not decide, even measured again at the end of the run, as "E03 Check_name".</summary>
    public IReadOnlyList<string> Undecided =>
        Exercises.SelectMany(e => e.Checks.Where(c => c.Verdict == Verdict.Inconclusive).Select(c => $"{e.Id} {c.Test}")).ToList();

    /// <summary>What the reports say of an incomplete run: which checks, and how to decide them; null when none is undecided.</summary>
    public string? IncompleteBecause => Undecided.Count == 0
        ? null
        : $"Incomplete: {Undecided.Count} timing check(s) stayed undecided on this machine (other processes took the CPU, or too few CPUs) and earned nothing: {string.Join(", ", Undecided)}. "
            + $"To decide them, grade those exercises again on a quieter machine: gradingkit grade -i {Implementation} "
            + string.Join(" ", Exercises.Where(e => e.Checks.Any(c => c.Verdict == Verdict.Inconclusive)).Select(e => $"--exercise {e.Id}"));

    /// <summary>Why the submission was not graded, as the reports' heading; null for a graded run.</summary>
    public string? NotGradedBecause => Status switch
    {
        GradeStatus.Error => "The submission did not build",
        GradeStatus.Integrity => "The submission uses APIs that the grader does not allow (starter/ApiPolicy/BannedSymbols.txt), so it was not graded",
        _ => null,
    };

    /// <summary>The report of a submission that could not be graded: every exercise at 0, its fault the reason.</summary>
    /// <param name="plan">What was to be graded.</param>
    /// <param name="label">What the report calls the implementation.</param>
    /// <param name="error">Why it was not graded: the build's errors, or what went wrong.</param>
    /// <param name="fault">The fault each exercise shows.</param>
    /// <param name="seconds">How long it took to find out.</param>
    /// <param name="status">error (the default) or integrity.</param>
    /// <returns>The report, with that status.</returns>
    public static GradeReport NotGraded(GradingPlan plan, string label, string error, string fault, double seconds, GradeStatus status = GradeStatus.Error)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var notRun = plan.Exercises.Select(e => Scoring.Score(e, Array.Empty<CaseResult>().ToLookup(c => c.Name), fault)).ToList();
        return new GradeReport(label, status, error, plan.Exercises.Sum(e => e.Points), 0, seconds, Environment.ProcessorCount, notRun);
    }
}
