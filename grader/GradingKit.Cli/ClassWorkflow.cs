using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace GradingKit.Cli;

/// <summary>Where the class workflow takes the submissions from, and in how many shards it grades them: every setting is on the workflow command's command line.</summary>
/// <param name="Shards">How many shards, each a job of the matrix on a runner of its own.</param>
/// <param name="Repository">A repository of submissions (owner/name), one folder per student at its root; checked out with the secret SUBMISSIONS_TOKEN.</param>
/// <param name="Archive">Or a zip of such folders, at this path in the kit's repository (uploaded there by the instructor).</param>
public sealed record ClassWorkflowSettings(int Shards, string? Repository, string? Archive)
{
    /// <summary>The most jobs GitHub Actions runs from one matrix.</summary>
    public const int MostShards = 256;

    /// <summary>The workflow command's arguments that make these settings, as the workflow's header records them.</summary>
    public string Arguments =>
        $"workflow --class --shards {Shards} " + (Repository is not null ? $"--submissions-repository {Repository}" : $"--submissions-archive {Archive}");

    /// <summary>Checks the settings: a number of shards GitHub can run, exactly one source of submissions, each a plain name.</summary>
    /// <returns>The settings.</returns>
    /// <exception cref="UsageException">What is wrong, and how to put it right.</exception>
    public ClassWorkflowSettings Checked()
    {
        if (Shards is < 1 or > MostShards)
        {
            throw new UsageException($"--shards {Shards}: a matrix runs 1 to {MostShards} jobs; choose about one shard per 20 students.");
        }

        if ((Repository is null) == (Archive is null))
        {
            throw new UsageException("--class needs exactly one source of submissions: --submissions-repository OWNER/NAME (a repository with one folder per student) "
                + "or --submissions-archive PATH (a .zip of those folders in the kit's repository).");
        }

        if (Repository is not null && !ClassWorkflow.RepositoryName().IsMatch(Repository))
        {
            throw new UsageException($"--submissions-repository {Repository}: write it as OWNER/NAME, for example my-course/parallel-submissions.");
        }

        if (Archive is not null && (!ClassWorkflow.ArchivePath().IsMatch(Archive) || Archive.Split('/').Contains("..")))
        {
            throw new UsageException($"--submissions-archive {Archive}: give the .zip's path inside the kit's repository, of letters, digits, '.', '_', '-' and '/', for example submissions.zip.");
        }

        return this;
    }
}

/// <summary>
/// The class workflow (.github/workflows/grade-class.yml): grades a class on GitHub Actions, without a
/// scheduler of the kit's own. A matrix of N jobs, each on a runner of its own (a hosted runner runs one
/// job at a time, so no two shards share a CPU), checks out the kit and the submissions, runs
/// grade-all --shard I/N and uploads its part as an artifact, even when the shard failed halfway; a
/// final job, which runs whatever became of the shards (unless the run was cancelled), merges the
/// parts into one gradebook (students of a shard that died are "not graded") and uploads it.
/// Generated with every setting on the command line; the merge refuses parts graded with another
/// manifest than the one it was generated from.
/// </summary>
public static partial class ClassWorkflow
{
    /// <summary>Where the workflow lives in a repository.</summary>
    public const string RelativePath = ".github/workflows/grade-class.yml";

    /// <summary>The artifact of shard I is named this, followed by I.</summary>
    public const string PartArtifact = "gradebook-part-";

    /// <summary>The artifact of the merged gradebook.</summary>
    public const string GradebookArtifact = "gradebook";

    /// <summary>The secret that reads the repository of submissions.</summary>
    public const string TokenSecret = "SUBMISSIONS_TOKEN";

    /// <summary>Minutes a shard may run: restoring and building the kit, then about 40 s a student; 120 minutes fit some 150 students a shard.</summary>
    public const int ShardTimeoutMinutes = 120;

    private const string Cli = "dotnet run --project kit/grader/GradingKit.Cli --";

    /// <summary>Writes the workflow as YAML.</summary>
    /// <param name="manifestHash">The SHA-256 of the assignments.json it grades with (<see cref="KitIdentity.ManifestHash"/>): the merge refuses parts of another.</param>
    /// <param name="settings">The shards and the source of the submissions.</param>
    /// <returns>The workflow file's text.</returns>
    public static string Generate(string manifestHash, ClassWorkflowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Checked();
        var dotnet = new Dictionary<string, object>
        {
            ["name"] = "Set up .NET",
            ["uses"] = "actions/setup-dotnet@v4",
            ["with"] = new Dictionary<string, object> { ["dotnet-version"] = "10.0.x" },
        };
        var kit = new Dictionary<string, object>
        {
            ["name"] = "Check out the kit",
            ["uses"] = "actions/checkout@v4",
            ["with"] = new Dictionary<string, object> { ["path"] = "kit", ["persist-credentials"] = false },
        };
        var workflow = new Dictionary<string, object>
        {
            ["name"] = "Grade the class",
            ["on"] = "workflow_dispatch",
            ["permissions"] = new Dictionary<string, object> { ["contents"] = "read" },
            ["jobs"] = new Dictionary<string, object>
            {
                ["grade"] = new Dictionary<string, object>
                {
                    ["name"] = $"Shard ${{{{ matrix.shard }}}} of {settings.Shards}",
                    ["runs-on"] = "ubuntu-latest",
                    ["timeout-minutes"] = ShardTimeoutMinutes,
                    ["strategy"] = new Dictionary<string, object>
                    {
                        ["fail-fast"] = false,
                        ["matrix"] = new Dictionary<string, object> { ["shard"] = Enumerable.Range(1, settings.Shards).ToList() },
                    },
                    ["steps"] = new List<object>
                    {
                        kit,
                        Submissions(settings),
                        dotnet,
                        Sandbox.WorkflowStep,
                        new Dictionary<string, object>
                        {
                            ["name"] = "Grade the shard",
                            ["run"] = $"{Cli} grade-all --submissions submissions --shard ${{{{ matrix.shard }}}}/{settings.Shards} --out part",
                        },
                        new Dictionary<string, object>
                        {
                            ["name"] = "Upload the part",
                            ["if"] = "always()",
                            ["uses"] = "actions/upload-artifact@v4",
                            ["with"] = new Dictionary<string, object>
                            {
                                ["name"] = $"{PartArtifact}${{{{ matrix.shard }}}}",
                                ["path"] = "part",
                                ["if-no-files-found"] = "ignore",
                            },
                        },
                    },
                },
                ["merge"] = new Dictionary<string, object>
                {
                    ["name"] = "Merge the gradebook",
                    ["needs"] = "grade",
                    ["if"] = "${{ !cancelled() }}", // also when shards failed: their students are "not graded"
                    ["runs-on"] = "ubuntu-latest",
                    ["steps"] = new List<object>
                    {
                        kit,
                        dotnet,
                        new Dictionary<string, object>
                        {
                            ["name"] = "Download the parts",
                            ["uses"] = "actions/download-artifact@v4",
                            ["with"] = new Dictionary<string, object> { ["pattern"] = $"{PartArtifact}*", ["path"] = "parts" },
                        },
                        new Dictionary<string, object>
                        {
                            ["name"] = "Merge the parts",
                            ["run"] = $"{Cli} merge --parts parts --out gradebook --manifest-sha256 {manifestHash} && cat gradebook/{MergeCommand.SummaryFile} >> \"$GITHUB_STEP_SUMMARY\"",
                        },
                        new Dictionary<string, object>
                        {
                            ["name"] = "Upload the gradebook",
                            ["uses"] = "actions/upload-artifact@v4",
                            ["with"] = new Dictionary<string, object> { ["name"] = GradebookArtifact, ["path"] = "gradebook" },
                        },
                    },
                },
            },
        };
        var header = $"# Generated from {Manifest.FileName} (SHA-256 {manifestHash}) by `{ClassroomWorkflow.RegenerateCommand[..^"workflow".Length]}{settings.Arguments}`; do not edit by hand.\n"
            + $"# Grades the class in {settings.Shards} shards, a runner each, and merges their parts into one gradebook (README: \"Grading a class on GitHub Actions\").\n";
        return header + new SerializerBuilder()
            .WithEventEmitter(next => new ClassroomWorkflow.GitHubScalars(next))
            .DisableAliases()
            .Build()
            .Serialize(workflow);
    }

    /// <summary>The step that lays the submissions, one folder per student, in submissions/: a checkout of their repository, or the archive unpacked.</summary>
    private static Dictionary<string, object> Submissions(ClassWorkflowSettings settings) => settings.Repository is not null
        ? new Dictionary<string, object>
        {
            ["name"] = "Check out the submissions",
            ["uses"] = "actions/checkout@v4",
            ["with"] = new Dictionary<string, object>
            {
                ["repository"] = settings.Repository,
                ["token"] = $"${{{{ secrets.{TokenSecret} }}}}",
                ["path"] = "submissions",
                ["persist-credentials"] = false, // the token must not stay in submissions/.git, where student code could read it
            },
        }
        : new Dictionary<string, object>
        {
            ["name"] = "Unpack the submissions",
            ["run"] = $"unzip -q kit/{settings.Archive} -d submissions",
        };

    [GeneratedRegex("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")]
    internal static partial Regex RepositoryName();

    [GeneratedRegex(@"^[A-Za-z0-9._-][A-Za-z0-9._/-]*\.zip$")]
    internal static partial Regex ArchivePath();
}
