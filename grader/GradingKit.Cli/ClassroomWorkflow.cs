using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace GradingKit.Cli;

/// <summary>One check as a step of GitHub Classroom's command grader: it earns its points when its command exits with 0.</summary>
/// <param name="Id">The step's id, letters and digits only (the reporter's check of its input allows nothing else), for example e04c2; the reporter reads its result from E04C2_RESULTS.</param>
/// <param name="Name">The test's name as Classroom shows it.</param>
/// <param name="SetupCommand">What runs before the command (the one grading run, on the first step only), if anything.</param>
/// <param name="Command">The tiny command that succeeds when the grading run awarded the check its points.</param>
/// <param name="Points">The check's points from assignments.json, a whole number (the grader action reads them with parseInt).</param>
public sealed record ClassroomStep(string Id, string Name, string? SetupCommand, string Command, int Points)
{
    /// <summary>The environment variable through which the reporter receives this step's result.</summary>
    public string ResultsVariable => $"{Id.ToUpperInvariant()}_RESULTS";
}

/// <summary>
/// The classroom-resources workflow (.github/workflows/classroom.yml; GitHub Classroom's actions, which
/// run in any repository), generated from assignments.json: a command-grader step per check, then the
/// grading reporter. The command grader awards all or nothing, so partial credit comes from one step
/// per check, each worth that check's points. The first step's setup runs the grade command once and
/// writes the checks that earned their points to <see cref="EarnedFile"/>; each step's command only
/// looks its check up there. So the workflow's total is the grade command's (undecided checks
/// included), a grader that did not build gives every step 0, and the route costs one grading run.
/// Its commands take every setting on the command line, because the graders strip the environment
/// down to PATH, HOME and a few DOTNET_ variables.
/// </summary>
public static class ClassroomWorkflow
{
    /// <summary>Where the workflow lives in a repository.</summary>
    public const string RelativePath = ".github/workflows/classroom.yml";

    /// <summary>The command that regenerates the kit's committed workflow.</summary>
    public const string RegenerateCommand = "dotnet run --project grader/GradingKit.Cli -- workflow";

    /// <summary>Where the grading run lists the checks that earned their points, outside the checkout (a file committed there must not count).</summary>
    public const string EarnedFile = "/tmp/gradingkit-earned-checks.txt";

    /// <summary>Minutes the first step may run: restoring and building the kit, and grading every exercise (each bounded at 60 s).</summary>
    private const int GradingTimeoutMinutes = 30;

    /// <summary>Minutes every other step may run: one lookup.</summary>
    private const int LookupTimeoutMinutes = 1;

    /// <summary>The one grading run, on the first step: any earlier list is removed first, so that only this run's can count.</summary>
    private const string Grade = $"rm -f {EarnedFile} && dotnet run --project grader/GradingKit.Cli -- grade --earned-checks {EarnedFile}";

    /// <summary>The steps, one per check of every exercise, in the manifest's order.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The steps.</returns>
    public static IReadOnlyList<ClassroomStep> Steps(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Exercises
            .SelectMany(exercise => exercise.Checks.Select((check, index) => (exercise, check, index)))
            .Select((item, position) => new ClassroomStep(
                $"{item.exercise.Id.ToLowerInvariant()}c{item.index + 1}",
                $"{item.exercise.Id} {item.exercise.Title}: {item.check.Test}",
                position == 0 ? Grade : null,
                $"grep -qxF '{item.exercise.Id} {item.check.Test}' {EarnedFile}",
                item.check.Points == Math.Floor(item.check.Points)
                    ? (int)item.check.Points
                    : throw new UsageException($"{item.exercise.Id} {item.check.Test}: {item.check.Points} points; the command grader reads whole points only.")))
            .ToList();
    }

    /// <summary>Writes the workflow as YAML.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The workflow file's text.</returns>
    public static string Generate(Manifest manifest)
    {
        var steps = Steps(manifest);
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
                    ["steps"] = new List<object>
                    {
                        new Dictionary<string, object> { ["name"] = "Checkout code", ["uses"] = "actions/checkout@v4" },
                        new Dictionary<string, object>
                        {
                            ["name"] = "Set up .NET",
                            ["uses"] = "actions/setup-dotnet@v4",
                            ["with"] = new Dictionary<string, object> { ["dotnet-version"] = "10.0.x" },
                        },
                    }
                    .Concat(steps.Select(GraderStep))
                    .Append(new Dictionary<string, object>
                    {
                        ["name"] = "Autograding Reporter",
                        ["uses"] = "classroom-resources/autograding-grading-reporter@v1",
                        ["env"] = steps.ToDictionary(step => step.ResultsVariable, step => (object)$"${{{{steps.{step.Id}.outputs.result}}}}"),
                        ["with"] = new Dictionary<string, object> { ["runners"] = string.Join(',', steps.Select(step => step.Id)) },
                    })
                    .ToList(),
                },
            },
        };
        var header = $"# Generated from {Manifest.FileName} by `{RegenerateCommand}`; do not edit by hand.\n"
            + "# One step per check, each worth the check's points, so that Classroom awards partial credit.\n";
        return header + new SerializerBuilder()
            .WithEventEmitter(next => new GitHubScalars(next))
            .DisableAliases()
            .Build()
            .Serialize(workflow);
    }

    private static Dictionary<string, object> GraderStep(ClassroomStep step)
    {
        var with = new Dictionary<string, object> { ["test-name"] = step.Name };
        if (step.SetupCommand is not null)
        {
            with["setup-command"] = step.SetupCommand;
        }

        with["command"] = step.Command;
        with["timeout"] = step.SetupCommand is null ? LookupTimeoutMinutes : GradingTimeoutMinutes;
        with["max-score"] = step.Points;
        return new Dictionary<string, object>
        {
            ["name"] = step.Name,
            ["id"] = step.Id,
            ["uses"] = "classroom-resources/autograding-command-grader@v1",
            ["with"] = with,
        };
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
