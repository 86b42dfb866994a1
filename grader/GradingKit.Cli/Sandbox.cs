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

        foreach (var (name, value) in host.Environment)
        {
            sandboxed.Environment[name] = value;
        }

        // The host needs no debugger or diagnostics port; without one it has no socket to offer either.
        sandboxed.Environment["DOTNET_EnableDiagnostics"] = "0";
        return sandboxed;
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
                : $"unshare could not make the namespaces (exit code {probe.ExitCode}: {probe.Error.Trim().Split('\n')[0]})";
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
