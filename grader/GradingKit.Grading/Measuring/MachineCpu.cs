using System.Globalization;

namespace GradingKit.Grading.Measuring;

/// <summary>
/// The CPU time the whole machine has been busy, from Linux's /proc/stat: every process, the kernel,
/// and the time the hypervisor took (steal). Computing-work checks subtract their own process's share
/// to see how much of the CPUs other processes took during a measurement. And how long threads had
/// to wait for a CPU (Linux's pressure stall information), which bounds how much a busy machine can
/// have delayed work that only waits.
/// </summary>
public static class MachineCpu
{
    private const string Statistics = "/proc/stat";

    // /proc/stat counts in USER_HZ ticks, 100 a second on every Linux architecture .NET runs on.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private const string Pressure = "/proc/pressure/cpu";

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
