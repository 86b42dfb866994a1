using System.Diagnostics;
using System.Globalization;

namespace GradingKit.Cli;

/// <summary>
/// Watches how many threads a grading host and the processes below it run at once (Linux), so that a
/// thread bomb ends with its host long before it takes the machine's process ids: a limit on the
/// sandbox's processes (RLIMIT_NPROC) binds no process whose user is root outside the sandbox, as on a
/// container's runner or Gradescope. Cheap while the machine's own count of threads (/proc/loadavg, one
/// read) stays within the limit of where it stood when the host started; past that, the host's tree is
/// counted (each process's /proc/PID/stat: its parent and its threads), so that another program's
/// threads never end a host.
/// </summary>
/// <param name="host">The host as started (in the sandbox: the process that holds its namespaces).</param>
internal sealed class HostThreads(Process host)
{
    private readonly int? machineAtStart = LoadAverage.MachineThreads();

    /// <summary>The host's threads where they are over the limit now; null where they are not, or where the system does not tell.</summary>
    /// <returns>The count, or null.</returns>
    public int? OverTheLimit()
    {
        if (machineAtStart is not { } start || LoadAverage.MachineThreads() is not { } now || now - start <= Thresholds.GradeCommand.HostThreads)
        {
            return null;
        }

        var threads = TreeThreads(host.Id);
        return threads > Thresholds.GradeCommand.HostThreads ? threads : null;
    }

    /// <summary>The threads of the process and of every process below it, read from each process's /proc/PID/stat.</summary>
    private static int TreeThreads(int root)
    {
        var processes = new Dictionary<int, (int Parent, int Threads)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && Stat(Path.Combine(folder, "stat")) is { } stat)
            {
                processes[pid] = stat;
            }
        }

        var total = 0;
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            total += processes.GetValueOrDefault(pid).Threads;
            foreach (var (child, _) in processes.Where(process => process.Value.Parent == pid))
            {
                pending.Push(child);
            }
        }

        return total;
    }

    /// <summary>A process's parent and its threads: fields 4 and 20 of its stat, counted after the name, which may hold spaces and parentheses.</summary>
    private static (int Parent, int Threads)? Stat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[17], CultureInfo.InvariantCulture));
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null; // the process ended meanwhile
        }
    }
}
