namespace GradingKit.Tests;

/// <summary>The kit's submissions graded as the grade command grades them (this part needs the CLI's supervisor, which the margins benchmark does not reference).</summary>
internal static partial class GraderRun
{
    /// <summary>
    /// Grades one of the kit's submissions (a project written by <see cref="Submissions.BuildFrom"/>)
    /// as the grade command does: its exercises in grading hosts of the grade command's supervisor,
    /// sandboxed, their verdicts read from the hosts' authenticated events. Only the submission is
    /// compiled; its assembly takes the place of the reference's in a grader built once per kit test
    /// run. Same grader, same submission code, same verdicts as the grade command, without compiling
    /// the grader again for each submission or starting a test platform (a `dotnet test` run costs 2
    /// to 3 s before its first check).
    /// </summary>
    /// <param name="project">The submission's project file.</param>
    /// <param name="exercises">The exercise ids to grade.</param>
    /// <returns>Every grader test that ran, with its outcome.</returns>
    /// <exception cref="InvalidOperationException">A host failed during an exercise: the kit's submissions grade without faults.</exception>
    public static List<GradedTest> GradeSubmission(string project, IReadOnlyList<string> exercises)
    {
        var grader = WithSubmission(project);
        var timed = Manifest.Load(Kit.ManifestPath).Exercises
            .SelectMany(e => e.Checks.Where(c => c.Timed).Select(c => $"{e.Id}.{c.Test}"))
            .ToHashSet(StringComparer.Ordinal);
        var runs = new Cli.Supervisor(Path.Combine(grader, "GradingKit.Grader.dll"), new Dictionary<string, string>(), Thresholds.GradeCommand.ExerciseLimit, _ => { }).Run(exercises);
        if (runs.FirstOrDefault(run => run.Fault is not null) is { } faulted)
        {
            throw new InvalidOperationException($"Grading {project}: {faulted.Id} ended in a fault: {faulted.Fault}");
        }

        return runs.SelectMany(run => run.Tests.Select(test => Read(run.Id, test))).ToList();

        // As NUnit's report names them: the fixture, the method, the case, its categories, "Failed:Error".
        GradedTest Read(string exercise, Protocol.HostEvent test) => new(
            test.Test![..^(test.Name!.Length + 1)].Split('.')[^1],
            test.Method!,
            test.Name,
            timed.Contains($"{exercise}.{test.Method}") ? [exercise, TimedAttribute.Category] : [exercise],
            test.Outcome + (string.IsNullOrEmpty(test.Label) ? string.Empty : $":{test.Label}"),
            test.Message ?? string.Empty)
        {
            Output = test.Output ?? string.Empty,
        };
    }
}
