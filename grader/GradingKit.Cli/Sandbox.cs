using System.Diagnostics;

namespace GradingKit.Cli;

/// <summary>
/// The grading host's sandbox on Linux: the host and everything it starts run in their own user,
/// pid, network and mount namespaces (util-linux's <c>unshare</c>), see every mount read-only but a
/// private folder of the supervisor's (the events file and the host's temporary folder), have no
/// network and no capabilities, and end together: when the host's namespace ends, so does every
/// process in it. Where namespaces cannot be had (macOS, Windows, a locked-down runner), grading
/// runs without it and every report says "not sandboxed".
/// </summary>
public static class Sandbox
{
    /// <summary>What the reports say of a sandboxed run.</summary>
    public const string Sandboxed = "sandboxed (Linux user, pid, network and mount namespaces; read-only file system)";

    /// <summary>
    /// The sandbox's command: <c>setpriv --pdeathsig KILL</c> ends <c>unshare</c>, and with it (<c>--kill-child</c>)
    /// the whole namespace, when the grade command itself is ended; then the namespaces.
    /// </summary>
    private static readonly string[] Namespaces =
        ["--pdeathsig", "KILL", "--", "unshare", "--user", "--map-root-user", "--pid", "--fork", "--kill-child", "--mount", "--mount-proc", "--net", "--propagation", "private", "--"];

    /// <summary>
    /// Runs inside the namespaces: keeps the private folder writable, makes every other mount
    /// read-only (the kit, the submissions, the gradebook, /tmp, /dev/shm), points the temporary
    /// folder into the private one, then drops every capability so that no mount can be undone.
    /// </summary>
    private const string Setup = """
        set -eu
        writable="$1"; shift
        mount --bind "$writable" "$writable"
        sed 's/^[0-9]* [0-9]* [^ ]* [^ ]* \([^ ]*\) .*/\1/' /proc/self/mountinfo | while read -r point; do
          case "$point" in "$writable"|/proc|/proc/*) continue ;; esac
          mount -o remount,bind,ro "$point" 2>/dev/null || true
        done
        mkdir -p "$writable/tmp"
        export TMPDIR="$writable/tmp"
        exec setpriv --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"
        """;

    /// <summary>
    /// The kernel's switch by which AppArmor restricts unprivileged user namespaces: on (1) by default
    /// on Ubuntu 23.10 and later, GitHub's Ubuntu runners among them, where unshare then cannot map the
    /// user and the sandbox cannot start.
    /// </summary>
    internal const string AppArmorSwitch = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns";

    /// <summary>The command that turns <see cref="AppArmorSwitch"/> off until the next boot.</summary>
    private const string LiftTheSwitch = "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0";

    /// <summary>
    /// A workflow step's shell command that lets the sandbox run on a GitHub-hosted runner: it turns
    /// <see cref="AppArmorSwitch"/> off with the runner's password-less sudo, only where it is on and
    /// only on a runner that GitHub discards after the job, never on a self-hosted one (someone's own machine);
    /// where sudo cannot, grading goes on without the sandbox and its report says why.
    /// </summary>
    public const string LetItRunOnGitHubsRunner =
        $"if [ \"$RUNNER_ENVIRONMENT\" = github-hosted ] && [ \"$(cat {AppArmorSwitch} 2>/dev/null)\" = 1 ]; then sudo -n {LiftTheSwitch} || echo \"sudo could not lift it: grading runs without the sandbox, and says why\"; fi";

    /// <summary>The workflow step that runs <see cref="LetItRunOnGitHubsRunner"/>, before the grading step.</summary>
    public static Dictionary<string, object> WorkflowStep => new()
    {
        ["name"] = "Let the grading sandbox make its namespaces",
        ["run"] = LetItRunOnGitHubsRunner,
    };

    private static readonly Lazy<string?> WhyNot = new(Probe);

    /// <summary>Why grading runs without the sandbox on this machine; null where it runs inside it.</summary>
    public static string? Unavailable => WhyNot.Value;

    /// <summary>What the reports say of this machine's grading hosts.</summary>
    public static string Description => Unavailable is null ? Sandboxed : $"not sandboxed: {Unavailable}";

    /// <summary>The host's start, inside the sandbox where it can be had, else as it is.</summary>
    /// <param name="host">How the host would start unconfined.</param>
    /// <param name="privateFolder">The one folder the host may write: its events file and its temporary files.</param>
    /// <returns>The start to use.</returns>
    public static ProcessStartInfo Wrap(ProcessStartInfo host, string privateFolder)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Unavailable is not null)
        {
            return host;
        }

        var sandboxed = new ProcessStartInfo("setpriv")
        {
            RedirectStandardInput = host.RedirectStandardInput,
            RedirectStandardOutput = host.RedirectStandardOutput,
            RedirectStandardError = host.RedirectStandardError,
            WorkingDirectory = host.WorkingDirectory,
        };
        foreach (var argument in Namespaces.Concat(["sh", "-c", Setup, "sandbox", privateFolder, host.FileName]).Concat(host.ArgumentList))
        {
            sandboxed.ArgumentList.Add(argument);
        }

        // The host's environment exactly: a new start holds this process's whole environment, which would bring back what the supervisor took out.
        sandboxed.Environment.Clear();
        foreach (var (name, value) in host.Environment)
        {
            sandboxed.Environment[name] = value;
        }

        // The host needs no debugger or diagnostics port; without one it has no socket to offer either.
        sandboxed.Environment["DOTNET_EnableDiagnostics"] = "0";
        return sandboxed;
    }

    /// <summary>Why unshare could not make the namespaces, and, where AppArmor forbade them, how to allow them.</summary>
    /// <param name="exitCode">unshare's exit code.</param>
    /// <param name="error">What it printed on standard error.</param>
    /// <param name="appArmorSwitch">The content of <see cref="AppArmorSwitch"/>; null where the kernel has no such switch.</param>
    /// <returns>The reason, as the reports give it after "not sandboxed: ".</returns>
    internal static string WhyUnshareFailed(int? exitCode, string error, string? appArmorSwitch)
    {
        var why = $"unshare could not make the namespaces (exit code {exitCode}: {error.Trim().Split('\n')[0]})";
        return appArmorSwitch?.Trim() == "1"
            ? $"{why}: AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1, as on Ubuntu 24.04 and GitHub's "
                + $"Ubuntu runners); `sudo {LiftTheSwitch}` allows them until the next boot (the kit's workflows do it on GitHub's runners)"
            : why;
    }

    /// <summary>Tries the sandbox once with a command that does nothing.</summary>
    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription} has no Linux namespaces";
        }

        var folder = Directory.CreateTempSubdirectory("gradingkit-sandbox-probe-");
        try
        {
            var probe = ChildProcess.Run(ChildProcess.Start("setpriv", Namespaces.Concat(["sh", "-c", Setup, "sandbox", folder.FullName, "true"])), TimeSpan.FromSeconds(10));
            return probe.OverranItsLimit ? "setpriv and unshare did not answer within 10 s"
                : probe.Succeeded ? null
                : WhyUnshareFailed(probe.ExitCode, probe.Error, File.Exists(AppArmorSwitch) ? File.ReadAllText(AppArmorSwitch) : null);
        }
        catch (System.ComponentModel.Win32Exception problem)
        {
            return $"setpriv and unshare (util-linux) are not installed: {problem.Message}";
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
