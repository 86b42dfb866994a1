using System.Globalization;

namespace GradingKit.Grading.Measuring;

/// <summary>
/// The CPU time the whole machine has been busy, from Linux's /proc/stat: every process, the kernel,
/// and the time the hypervisor took (steal). Computing-work checks subtract their own process's share
/// to see how much of the CPUs other processes took during a measurement.
/// </summary>
public static class MachineCpu
{
    private const string Statistics = "/proc/stat";

    // /proc/stat counts in USER_HZ ticks, 100 a second on every Linux architecture .NET runs on.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private static readonly bool Available = OperatingSystem.IsLinux() && File.Exists(Statistics);

    /// <summary>The machine's busy CPU time since boot, or zero where the operating system does not tell.</summary>
    /// <returns>user + nice + system + irq + softirq + steal, over all CPUs.</returns>
    public static TimeSpan Busy()
    {
        if (!Available)
        {
            return TimeSpan.Zero;
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest time is already in user).
        using var reader = new StreamReader(Statistics);
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = new[] { 1, 2, 3, 6, 7, 8 }.Where(field => field < fields.Length)
            .Sum(field => long.Parse(fields[field], CultureInfo.InvariantCulture));
        return Tick * busy;
    }
}
