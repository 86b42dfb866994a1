using System.Runtime.Versioning;
using GradingKit.Cli;
using YamlDotNet.Serialization;

namespace GradingKit.Tests;

/// <summary>
/// The sandbox where Ubuntu's AppArmor forbids unprivileged user namespaces (Ubuntu 24.04, GitHub's
/// Ubuntu runners): the report says how to allow them, and the kit's workflows and Classroom 50's
/// autograder.py allow them on a GitHub-hosted runner before grading, never on anyone's own machine.
/// The switch and sudo are stand-ins here: this machine has no AppArmor.
/// </summary>
[TestFixture]
[Platform(Exclude = "Win", Reason = "The stand-in sudo is a POSIX shell script.")]
[UnsupportedOSPlatform("windows")]
public sealed class TheSandboxOnUbuntu
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private const string Lifted = "-n sysctl -w kernel.apparmor_restrict_unprivileged_userns=0";

    /// <summary>The runner (RUNNER_ENVIRONMENT), the switch's content (null: no such switch), and whether the switch must be lifted.</summary>
    private static readonly object?[][] Terms =
    [
        ["github-hosted", "1\n", true],
        ["self-hosted", "1\n", false],
        ["", "1\n", false],
        ["github-hosted", "0\n", false],
        ["github-hosted", null, false],
    ];

    [Test]
    public void Says_why_it_could_not_start_and_how_to_allow_it_where_AppArmor_forbids_user_namespaces()
    {
        const string Error = "unshare: write failed /proc/self/uid_map: Operation not permitted\n";

        var forbidden = Sandbox.WhyUnshareFailed(1, Error, "1\n");
        var otherwise = Sandbox.WhyUnshareFailed(1, Error, null);

        forbidden.ShouldStartWith("unshare could not make the namespaces (exit code 1: unshare: write failed /proc/self/uid_map: Operation not permitted)");
        forbidden.ShouldContain("kernel.apparmor_restrict_unprivileged_userns = 1");
        forbidden.ShouldContain("`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`");
        otherwise.ShouldBe("unshare could not make the namespaces (exit code 1: unshare: write failed /proc/self/uid_map: Operation not permitted)");
        Sandbox.WhyUnshareFailed(1, Error, "0\n").ShouldBe(otherwise);
    }

    [TestCase(".github/workflows/grade-class.yml", "grade", "Grade the shard")]
    [TestCase(".github/workflows/classroom.yml", "run-autograding-tests", "Grade")]
    public void Each_workflow_lets_it_run_right_before_it_grades(string workflow, string job, string grading)
    {
        var parsed = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(Kit.Root, workflow)));
        var steps = ((List<object>)((Dictionary<object, object>)((Dictionary<object, object>)parsed["jobs"])[job])["steps"]).Cast<Dictionary<object, object>>().ToList();
        var grades = steps.FindIndex(step => step.GetValueOrDefault("name") as string == grading);

        grades.ShouldBeGreaterThan(0);
        steps[grades - 1].GetValueOrDefault("run").ShouldBe(Sandbox.LetItRunOnGitHubsRunner);
    }

    [TestCaseSource(nameof(Terms))]
    public void The_workflows_step_lifts_the_switch_only_where_it_is_on_and_only_on_a_runner_GitHub_discards(string runner, string? appArmorSwitch, bool lifts)
    {
        var (folder, switchFile, environment) = StandIns(runner, appArmorSwitch);

        var run = ChildProcess.Run(folder, "sh", ["-c", Sandbox.LetItRunOnGitHubsRunner.Replace("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", switchFile, StringComparison.Ordinal)], Limit, environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        SudoWasAskedFor(folder).ShouldBe(lifts ? Lifted : null);
    }

    [Test]
    public void The_workflows_step_lets_grading_go_on_where_sudo_cannot_lift_the_switch()
    {
        var (folder, switchFile, environment) = StandIns("github-hosted", "1\n");
        File.AppendAllText(Path.Combine(folder, "sudo"), "echo 'sudo: a password is required' >&2\nexit 1\n");

        var run = ChildProcess.Run(folder, "sh", ["-c", Sandbox.LetItRunOnGitHubsRunner.Replace("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", switchFile, StringComparison.Ordinal)], Limit, environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("grading runs without the sandbox");
    }

    [TestCaseSource(nameof(Terms))]
    public void Classroom_50s_autograder_lifts_it_on_the_same_terms(string runner, string? appArmorSwitch, bool lifts)
    {
        var (folder, switchFile, environment) = StandIns(runner, appArmorSwitch);
        environment["PYTHONPATH"] = Path.Combine(Kit.Root, "grader", "GradingKit.Cli", "Distribution");
        var script = $"import pathlib, autograder; autograder.APPARMOR_SWITCH = pathlib.Path({Python(switchFile)}); autograder.let_the_sandbox_run()";

        var run = ChildProcess.Run(folder, "python3", ["-B", "-c", script], Limit, environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        SudoWasAskedFor(folder).ShouldBe(lifts ? Lifted : null);
    }

    /// <summary>A folder with a stand-in sudo that records what it was asked, the switch's file (absent for null), and an environment that finds the stand-in first.</summary>
    private static (string Folder, string SwitchFile, Dictionary<string, string> Environment) StandIns(string runner, string? appArmorSwitch)
    {
        var folder = Kit.ScratchFolder("gradingkit-apparmor-");
        var sudo = Path.Combine(folder, "sudo");
        File.WriteAllText(sudo, "#!/bin/sh\necho \"$*\" > \"$(dirname \"$0\")/sudo-was-asked\"\n");
        File.SetUnixFileMode(sudo, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var switchFile = Path.Combine(folder, "apparmor_restrict_unprivileged_userns");
        if (appArmorSwitch is not null)
        {
            File.WriteAllText(switchFile, appArmorSwitch);
        }

        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{folder}:{Environment.GetEnvironmentVariable("PATH")}",
            ["RUNNER_ENVIRONMENT"] = runner,
        };
        return (folder, switchFile, environment);
    }

    private static string? SudoWasAskedFor(string folder) =>
        File.Exists(Path.Combine(folder, "sudo-was-asked")) ? File.ReadAllText(Path.Combine(folder, "sudo-was-asked")).Trim() : null;

    private static string Python(string text) => $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
}
