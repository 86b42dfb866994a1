using System.Diagnostics;
using System.Runtime.Versioning;
using GradingKit.Cli;

namespace GradingKit.Tests;

/// <summary>
/// The grade command's supervisor against stand-in hosts (<see cref="StandInHost"/>) that do what a
/// hostile submission made the grading host do: forge the report, exit with the "left work running"
/// code in the middle of an exercise, leave a process holding the host's output. Each costs only its
/// exercise, grading goes on, and every wait is bounded.
/// </summary>
[TestFixture]
[NonParallelizable]
[Platform(Exclude = "Win", Reason = "The stand-in host is a POSIX shell script.")]
[UnsupportedOSPlatform("windows")]
public sealed class TheSupervisor
{
    private static readonly string[] Plan = ["E01", "E02"];

    /// <summary>Far beyond what the supervisor needs here, far below for ever.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Test]
    public void Hands_the_key_on_standard_input_only_and_keeps_the_events_in_a_private_folder()
    {
        using var standIn = new StandInHost();
        string? folder = null;
        var (runs, hosts) = Supervise(standIn, host =>
        {
            folder = Path.GetDirectoryName(host.Events)!;
            Convert.FromBase64String(host.KeyLine).Length.ShouldBe(HostChannel.KeyBytes);
            host.Arguments.ShouldNotContain(argument => argument.Contains(host.KeyLine, StringComparison.Ordinal));
            host.Environment.ShouldNotContain(host.KeyLine);
            host.Arguments.Take(2).ShouldBe(["run", "--events"]);
            File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Graded(host);
            host.Exit(HostExitCodes.Done);
        });

        hosts.ShouldBe(1);
        runs.Select(run => (run.Id, run.Fault)).ShouldBe([("E01", null), ("E02", null)]);
        runs[0].Tests.Single().Outcome.ShouldBe("Passed");
        Directory.Exists(folder).ShouldBeFalse("the events folder is deleted afterwards");
    }

    [Test]
    public void Gives_the_host_none_of_the_CI_platforms_channels_nor_the_runtimes_settings()
    {
        var withheld = new[]
        {
            "GITHUB_OUTPUT", "GITHUB_ENV", "ACTIONS_RUNTIME_TOKEN", "RUNNER_TEMP",
            "DOTNET_gcServer", "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "COMPlus_TieredCompilation", "DOTNET_STARTUP_HOOKS", "CORECLR_ENABLE_PROFILING",
        };
        foreach (var name in withheld)
        {
            Environment.SetEnvironmentVariable(name, $"/tmp/gradingkit-{name}");
        }

        try
        {
            using var standIn = new StandInHost();
            var (runs, _) = Supervise(standIn, host =>
            {
                foreach (var name in withheld)
                {
                    host.Environment.ShouldNotContain($"{name}=", Case.Sensitive);
                }

                host.Environment.ShouldContain("PATH=", Case.Sensitive);
                host.Environment.ShouldContain("DOTNET_GCHeapHardLimit=", Case.Sensitive, "the grade command's own setting of the host's runtime");
                Graded(host);
                host.Exit(HostExitCodes.Done);
            });

            runs.ShouldAllBe(run => run.Fault == null);
        }
        finally
        {
            foreach (var name in withheld)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Test]
    public void Hands_the_sandboxed_host_exactly_the_environment_the_supervisor_gave_it()
    {
        // A new start holds this process's whole environment: copied over the host's, it brought back every
        // variable that the supervisor had taken out (until 2026-12-06, in every sandboxed grading).
        Environment.SetEnvironmentVariable("GITHUB_OUTPUT", "/tmp/gradingkit-GITHUB_OUTPUT");
        try
        {
            var host = new ProcessStartInfo("true");
            host.Environment.Remove("GITHUB_OUTPUT");
            host.Environment["GRADINGKIT_KEPT"] = "kept";

            var sandboxed = Sandbox.Wrap(host, Path.GetTempPath());

            sandboxed.Environment.ShouldNotContainKey("GITHUB_OUTPUT");
            sandboxed.Environment["GRADINGKIT_KEPT"].ShouldBe("kept");
            sandboxed.Environment.Keys.Except(host.Environment.Keys).ShouldBe(Sandbox.Unavailable is null ? ["DOTNET_EnableDiagnostics"] : []);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_OUTPUT", null);
        }
    }

    [Test]
    public void Ends_a_host_whose_report_is_forged_and_grades_the_rest_in_a_new_one()
    {
        using var standIn = new StandInHost();
        var (runs, hosts) = Supervise(standIn, host =>
        {
            if (host.FirstExercise == "E01")
            {
                using var writer = host.Writer();
                writer.Write(new HostEvent(HostEventKind.ExerciseStarted, "E01"));

                // What hostile code in the host did: a "passed" of its own making. This host never exits by itself: the supervisor must end it.
                File.AppendAllText(host.Events, """{"event":"test-finished","exercise":"E01","test":"GradingKit.Grader.E01_CpuCounter.Counts","outcome":"Passed"}""" + "\n");
                return;
            }

            Graded(host);
            host.Exit(HostExitCodes.Done);
        });

        hosts.ShouldBe(2);
        runs.Select(run => (run.Id, run.Fault)).ShouldBe([("E01", HostFaults.Forged("E01")), ("E02", null)]);
        runs[0].Tests.ShouldBeEmpty();
    }

    [Test]
    public void Takes_the_left_work_running_exit_code_mid_exercise_for_a_crash_and_never_restarts_an_exercise()
    {
        using var standIn = new StandInHost();
        var (runs, hosts) = Supervise(standIn, host =>
        {
            using (var writer = host.Writer())
            {
                writer.Write(new HostEvent(HostEventKind.ExerciseStarted, host.FirstExercise));
            }

            host.Exit(HostExitCodes.LeftWorkRunning);
        });

        hosts.ShouldBe(Plan.Length, "one host per exercise, each ending in the middle of it");
        runs.Select(run => (run.Id, run.Fault)).ShouldBe(Plan.Select(id => (id, (string?)HostFaults.Crashed(id, HostExitCodes.LeftWorkRunning, string.Empty))));
        runs[0].Fault.ShouldBe("E01 ended the grading host: it exited with code 3 before its checks were done (Environment.Exit?)");
    }

    [Test]
    public void Believes_the_left_work_running_exit_code_right_after_an_exercise_that_left_work_running()
    {
        using var standIn = new StandInHost();
        var (runs, hosts) = Supervise(standIn, StopsAfterE01(new HostEvent(HostEventKind.ExerciseFinished, "E01") { LeftRunning = "1 call(s) that never returned are still running" }));

        hosts.ShouldBe(2);
        runs.Select(run => (run.Id, run.Fault)).ShouldBe(
            [("E01", ExerciseFaults.AfterItsChecks("E01", "1 call(s) that never returned are still running", null)), ("E02", null)]);
    }

    [Test]
    public void Grades_on_in_a_fresh_host_after_an_exercise_that_left_timers_armed_without_a_fault()
    {
        using var standIn = new StandInHost();
        var (runs, hosts) = Supervise(standIn, StopsAfterE01(new HostEvent(HostEventKind.ExerciseFinished, "E01") { LeftTimers = true }));

        hosts.ShouldBe(2);
        runs.Select(run => (run.Id, run.Fault)).ShouldBe([("E01", (string?)null), ("E02", null)]);
    }

    [Test]
    public void Is_not_stalled_by_a_process_that_holds_the_output_of_a_host_that_ended()
    {
        using var standIn = new StandInHost(leavesAChildHoldingItsOutput: true);
        var (runs, hosts) = Supervise(standIn, host =>
        {
            Graded(host);
            host.Exit(HostExitCodes.Done);
        });

        hosts.ShouldBe(1);
        runs.Select(run => (run.Id, run.Fault)).ShouldBe([("E01", null), ("E02", null)]);
    }

    private static (IReadOnlyList<ExerciseRun> Runs, int Hosts) Supervise(StandInHost standIn, Action<StandInHost.Host> serve)
    {
        var supervisor = new Supervisor(standIn.Command, new Dictionary<string, string>(), Limit, _ => { });
        var grading = Task.Run(() => supervisor.Run(Plan));
        var hosts = standIn.Serve(grading, serve, Limit);
        return (grading.Result, hosts);
    }

    /// <summary>A host that ends E01 with <paramref name="finished"/> and stops with the exit code for work left running; any later host grades the rest.</summary>
    private static Action<StandInHost.Host> StopsAfterE01(HostEvent finished) => host =>
    {
        if (host.FirstExercise == "E01")
        {
            using var writer = host.Writer();
            writer.Write(new HostEvent(HostEventKind.ExerciseStarted, "E01"));
            writer.Write(finished);
            host.Exit(HostExitCodes.LeftWorkRunning);
            return;
        }

        Graded(host);
        host.Exit(HostExitCodes.Done);
    };

    /// <summary>Reports every remaining exercise of the host's plan graded, one passing check each, then done.</summary>
    private static void Graded(StandInHost.Host host)
    {
        using var writer = host.Writer();
        foreach (var exercise in Plan.SkipWhile(id => id != host.FirstExercise))
        {
            var test = $"GradingKit.Grader.{exercise}_Stand_in.Passes";
            writer.Write(new HostEvent(HostEventKind.ExerciseStarted, exercise));
            writer.Write(new HostEvent(HostEventKind.TestStarted, exercise) { Test = test });
            writer.Write(new HostEvent(HostEventKind.TestFinished, exercise) { Test = test, Method = "Passes", Name = "Passes", Outcome = "Passed" });
            writer.Write(new HostEvent(HostEventKind.ExerciseFinished, exercise));
        }

        writer.Write(new HostEvent(HostEventKind.Done, null));
    }
}
