using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace GradingKit.Cli;

/// <summary>One check as one of the classroom-resources reporter's runners: its result, in the command grader's shape, reaches the reporter as a step output.</summary>
/// <param name="Id">The runner's id, letters and digits only (the reporter's check of its input allows nothing else), for example e04c2; also the grading step's output that holds its result.</param>
/// <param name="Name">The test's name as the reporter shows it.</param>
/// <param name="Points">The check's points from assignments.json, a whole number.</param>
public sealed record ClassroomRunner(string Id, string Name, int Points)
{
    /// <summary>The environment variable through which the reporter receives this runner's result.</summary>
    public string ResultsVariable => $"{Id.ToUpperInvariant()}_RESULTS";

    /// <summary>The runner's id for a check: the exercise's id in lower case, c, and the check's place in the exercise from 1 (e04c2).</summary>
    /// <param name="exerciseId">The exercise's id (E04).</param>
    /// <param name="checkIndex">The check's index in the exercise, from 0.</param>
    /// <returns>The id.</returns>
    public static string IdOf(string exerciseId, int checkIndex) =>
        $"{exerciseId.ToLowerInvariant()}c{(checkIndex + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The test's name for a check, as the reporter shows it: E04 Title: Check_name.</summary>
    /// <param name="exerciseId">The exercise's id.</param>
    /// <param name="exerciseTitle">The exercise's title.</param>
    /// <param name="check">The check's name.</param>
    /// <returns>The name.</returns>
    public static string NameOf(string exerciseId, string exerciseTitle, string check) => $"{exerciseId} {exerciseTitle}: {check}";
}

/// <summary>
/// The classroom-resources workflow (.github/workflows/classroom.yml; GitHub Classroom's actions, which
/// run in any repository), generated from assignments.json: one grading step, then the grading
/// reporter. The grading step runs the grade command once; it writes every check's result as a step
/// output in the command grader's shape (one test, worth the check's points), so the reporter shows a
/// runner per check with partial credit and totals exactly what the grade command gave, undecided
/// checks included, at the cost of one grading run. Where the grading step left no result (the grader
/// did not build or run, or ran out of time), each runner falls back to an error worth 0 of its points,
/// written into the workflow itself.
/// </summary>
public static class ClassroomWorkflow
{
    /// <summary>Where the workflow lives in a repository.</summary>
    public const string RelativePath = ".github/workflows/classroom.yml";

    /// <summary>The command that regenerates the kit's committed workflow.</summary>
    public const string RegenerateCommand = "dotnet run --project grader/GradingKit.Cli -- workflow";

    /// <summary>The grading step's id, whose outputs the reporter reads.</summary>
    public const string GradingStepId = "grading";

    /// <summary>The one grading run: every check's result appended to the step's outputs.</summary>
    public const string GradeCommand = "dotnet run --project grader/GradingKit.Cli -- grade --classroom-outputs \"$GITHUB_OUTPUT\"";

    /// <summary>What every runner reports when the grading step left no result: why, and where to look.</summary>
    public const string NotGradedMessage = "Not graded: the Grade step left no result (the grader did not build or run, or ran out of time); its log says why.";

    /// <summary>Minutes the grading step may run: restoring and building the kit, and grading every exercise (each bounded at 60 s).</summary>
    private const int GradingTimeoutMinutes = 30;

    /// <summary>The runners, one per check of every exercise, in the manifest's order.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The runners.</returns>
    public static IReadOnlyList<ClassroomRunner> Runners(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Exercises
            .SelectMany(exercise => exercise.Checks.Select((check, index) => new ClassroomRunner(
                ClassroomRunner.IdOf(exercise.Id, index),
                ClassroomRunner.NameOf(exercise.Id, exercise.Title, check.Test),
                check.Points == Math.Floor(check.Points)
                    ? (int)check.Points
                    : throw new UsageException($"{exercise.Id} {check.Test}: {check.Points} points; the reporter's runners are worth whole points only."))))
            .ToList();
    }

    /// <summary>The job's variable holding the result of a check worth these points that was not graded.</summary>
    /// <param name="points">The check's points.</param>
    /// <returns>The variable's name.</returns>
    public static string NotGradedVariable(int points) => $"GRADINGKIT_NOT_GRADED_{points.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The result, in the command grader's shape, of a check worth these points that was not graded: an error worth 0.</summary>
    /// <param name="points">The check's points.</param>
    /// <returns>The result, base64-encoded as the reporter reads it.</returns>
    public static string NotGradedResult(int points) => Reports.ClassroomRunnerResult("error", points, "Not graded", 0, NotGradedMessage, 0);

    /// <summary>Writes the workflow as YAML.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The workflow file's text.</returns>
    public static string Generate(Manifest manifest)
    {
        var runners = Runners(manifest);
        var workflow = new Dictionary<string, object>
        {
            ["name"] = "Autograding Tests",
            ["on"] = new[] { "push", "repository_dispatch" },
            ["permissions"] = new Dictionary<string, object> { ["checks"] = "write", ["actions"] = "read", ["contents"] = "read" },
            ["jobs"] = new Dictionary<string, object>
            {
                ["run-autograding-tests"] = new Dictionary<string, object>
                {
                    ["runs-on"] = "ubuntu-latest",
                    ["if"] = "github.actor != 'github-classroom[bot]'",
                    ["env"] = runners.Select(runner => runner.Points).Distinct().Order()
                        .ToDictionary(NotGradedVariable, points => (object)NotGradedResult(points)),
                    ["steps"] = new List<object>
                    {
                        new Dictionary<string, object> { ["name"] = "Checkout code", ["uses"] = "actions/checkout@v4" },
                        new Dictionary<string, object>
                        {
                            ["name"] = "Set up .NET",
                            ["uses"] = "actions/setup-dotnet@v4",
                            ["with"] = new Dictionary<string, object> { ["dotnet-version"] = "10.0.x" },
                        },
                        Sandbox.WorkflowStep,
                        new Dictionary<string, object>
                        {
                            ["name"] = "Grade",
                            ["id"] = GradingStepId,
                            ["run"] = GradeCommand,
                            ["timeout-minutes"] = GradingTimeoutMinutes,
                        },
                        new Dictionary<string, object>
                        {
                            ["name"] = "Autograding Reporter",
                            ["if"] = "${{ !cancelled() }}",
                            ["uses"] = "classroom-resources/autograding-grading-reporter@v1",
                            ["env"] = runners.ToDictionary(
                                runner => runner.ResultsVariable,
                                runner => (object)$"${{{{ steps.{GradingStepId}.outputs.{runner.Id} || env.{NotGradedVariable(runner.Points)} }}}}"),
                            ["with"] = new Dictionary<string, object> { ["runners"] = string.Join(',', runners.Select(runner => runner.Id)) },
                        },
                    },
                },
            },
        };
        var header = $"# Generated from {Manifest.FileName} by `{RegenerateCommand}`; do not edit by hand.\n"
            + "# One grading run; the reporter shows a runner per check, each worth the check's points, so that partial credit shows.\n"
            + "# GRADINGKIT_NOT_GRADED_<points>: the result (base64 JSON) of a check the Grade step left no result for: an error worth 0.\n";
        return header + new SerializerBuilder()
            .WithEventEmitter(next => new GitHubScalars(next))
            .DisableAliases()
            .Build()
            .Serialize(workflow);
    }

    /// <summary>
    /// Quotes what YAML 1.1 readers would misread: the key "on" (a boolean to them) and GitHub's
    /// ${{ }} expressions, double-quoted as Classroom writes them.
    /// </summary>
    internal sealed class GitHubScalars(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text)
            {
                if (text == "on")
                {
                    eventInfo.Style = ScalarStyle.SingleQuoted;
                }
                else if (text.Contains("${{", StringComparison.Ordinal))
                {
                    eventInfo.Style = ScalarStyle.DoubleQuoted;
                }
            }

            base.Emit(eventInfo, emitter);
        }
    }
}
