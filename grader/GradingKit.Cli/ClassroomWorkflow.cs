using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace GradingKit.Cli;

/// <summary>One check as a step of GitHub Classroom's command grader: it earns its points when its command exits with 0.</summary>
/// <param name="Id">The step's id, for example e04_2; the reporter reads its result from E04_2_RESULTS.</param>
/// <param name="Name">The test's name as Classroom shows it.</param>
/// <param name="SetupCommand">What runs before the command (the build, on the first step only), if anything.</param>
/// <param name="Command">The dotnet test command that runs the check's tests alone.</param>
/// <param name="Points">The check's points from assignments.json.</param>
public sealed record ClassroomStep(string Id, string Name, string? SetupCommand, string Command, double Points)
{
    /// <summary>The environment variable through which the reporter receives this step's result.</summary>
    public string ResultsVariable => $"{Id.ToUpperInvariant()}_RESULTS";
}

/// <summary>
/// The GitHub Classroom workflow (.github/workflows/classroom.yml), generated from assignments.json in
/// the shape Classroom itself writes: a command-grader step per check, then the grading reporter.
/// The command grader awards all or nothing, so partial credit comes from one step per check, each
/// worth that check's points. Its commands take every setting on the command line, because
/// Classroom's graders strip the environment down to PATH and HOME.
/// </summary>
public static class ClassroomWorkflow
{
    /// <summary>Where the workflow lives in a repository.</summary>
    public const string RelativePath = ".github/workflows/classroom.yml";

    /// <summary>The command that regenerates the kit's committed workflow.</summary>
    public const string RegenerateCommand = "dotnet run --project grader/GradingKit.Cli -- workflow";

    /// <summary>Minutes a step may run: one check, far below this unless the student's code hangs (each call is bounded at 15 s).</summary>
    private const int StepTimeoutMinutes = 10;

    /// <summary>Builds the grader for the starter once; the steps then run with --no-build, one after another in one job.</summary>
    private const string Build = "dotnet build grader/GradingKit.Grader";

    /// <summary>The steps, one per check of every exercise, in the manifest's order.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The steps.</returns>
    public static IReadOnlyList<ClassroomStep> Steps(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Exercises
            .SelectMany(exercise => exercise.Checks.Select((check, index) => (exercise, check, index)))
            .Select((item, position) => new ClassroomStep(
                $"{item.exercise.Id.ToLowerInvariant()}_{item.index + 1}",
                $"{item.exercise.Id} {item.exercise.Title}: {item.check.Test}",
                position == 0 ? Build : null,
                $"dotnet test grader/GradingKit.Grader --no-build --filter \"{item.exercise.Filter}&FullyQualifiedName~.{item.check.Test}\"",
                item.check.Points))
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
        with["timeout"] = StepTimeoutMinutes;
        with["max-score"] = step.Points == Math.Floor(step.Points) ? (object)(int)step.Points : step.Points;
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
    private sealed class GitHubScalars(IEventEmitter next) : ChainedEventEmitter(next)
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
