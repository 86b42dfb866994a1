using System.Globalization;

namespace GradingKit.Grading.Measuring;

/// <summary>
/// The CPU time the CPUs this process may run on have been busy, from Linux's /proc/stat: every
/// process, the kernel, and the time the hypervisor took (steal). Computing-work checks subtract their
/// own process's share to see how much of those CPUs other processes took during a measurement. And
/// how long threads had to wait for a CPU (Linux's pressure stall information), which bounds how much
/// a busy machine can have delayed work that only waits.
/// </summary>
public static class MachineCpu
{
    private const string Statistics = "/proc/stat";

    // /proc/stat counts in USER_HZ ticks, 100 a second on every Linux architecture .NET runs on.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private const string Pressure = "/proc/pressure/cpu";

    private static readonly bool Available = OperatingSystem.IsLinux() && File.Exists(Statistics);

    /// <summary>
    /// The CPUs this process may run on (its affinity, as taskset or a container's cpuset sets it), or
    /// null where that is every CPU: other processes' work on a CPU it may not use takes nothing from it.
    /// </summary>
    private static readonly Lazy<HashSet<int>?> OwnCpus = new(ReadOwnCpus);

    /// <summary>
    /// The busy CPU time since boot of the CPUs this process may run on, or zero where the operating
    /// system does not tell.
    /// </summary>
    /// <returns>user + nice + system + irq + softirq + steal, over those CPUs.</returns>
    public static TimeSpan Busy()
    {
        if (!Available)
        {
            return TimeSpan.Zero;
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" over all CPUs, then a
        // "cpuN ..." line per CPU (guest time is already in user).
        var own = OwnCpus.Value;
        long busy = 0;
        foreach (var line in File.ReadLines(Statistics).TakeWhile(line => line.StartsWith("cpu", StringComparison.Ordinal)))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cpu = fields[0] == "cpu" ? (int?)null : int.Parse(fields[0]["cpu".Length..], CultureInfo.InvariantCulture);
            if (own is null ? cpu is null : cpu is { } number && own.Contains(number))
            {
                busy += new[] { 1, 2, 3, 6, 7, 8 }.Where(field => field < fields.Length).Sum(field => long.Parse(fields[field], CultureInfo.InvariantCulture));
            }
        }

        return Tick * busy;
    }

    /// <summary>Reads Cpus_allowed_list ("0-3,6") from /proc/self/status; null when it holds every CPU the machine has online, or cannot be read.</summary>
    private static HashSet<int>? ReadOwnCpus()
    {
        try
        {
            var list = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            if (list is null)
            {
                return null;
            }

            var own = new HashSet<int>();
            foreach (var range in list["Cpus_allowed_list:".Length..].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var ends = range.Split('-');
                var first = int.Parse(ends[0], CultureInfo.InvariantCulture);
                own.UnionWith(Enumerable.Range(first, int.Parse(ends[^1], CultureInfo.InvariantCulture) - first + 1));
            }

            var online = File.ReadLines(Statistics)
                .Where(line => line.StartsWith("cpu", StringComparison.Ordinal) && line.Length > 3 && char.IsDigit(line[3]))
                .Select(line => int.Parse(line[3..line.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture));
            return online.All(own.Contains) ? null : own;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// How long, since boot, at least one thread that could run waited for a CPU: the "some" line of
    /// /proc/pressure/cpu. Null where the kernel does not tell (not Linux, or no pressure stall information).
    /// </summary>
    /// <returns>The total stall time, or null.</returns>
    public static TimeSpan? Stalled()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // "some avg10=0.00 avg60=0.00 avg300=0.00 total=123456" (microseconds).
            var some = File.ReadLines(Pressure).FirstOrDefault(line => line.StartsWith("some ", StringComparison.Ordinal));
            var total = some?.Split(' ').FirstOrDefault(field => field.StartsWith("total=", StringComparison.Ordinal));
            return total is null ? null : TimeSpan.FromMicroseconds(long.Parse(total["total=".Length..], CultureInfo.InvariantCulture));
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
