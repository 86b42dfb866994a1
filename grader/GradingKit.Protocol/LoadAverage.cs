using System.Globalization;

namespace GradingKit.Protocol;

/// <summary>
/// What Linux's /proc/loadavg tells of threads, one small read: how many the machine runs now, and the
/// last process id handed out (threads take ids too) in the reader's pid namespace, so that ids handed
/// out between two reads count the threads and processes started meanwhile. Elsewhere it tells nothing
/// (null).
/// </summary>
public static class LoadAverage
{
    private const string FileName = "/proc/loadavg";

    /// <summary>Where the ids wrap around (/proc/sys/kernel/pid_max); the kernel's default where it cannot be read.</summary>
    private static readonly Lazy<int> IdsWrapAt = new(() =>
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or FormatException)
        {
            return 32_768;
        }
    });

    /// <summary>The machine's threads now: the total of "running/total"; null without /proc/loadavg.</summary>
    /// <returns>The count, or null.</returns>
    public static int? MachineThreads() => Field(3) is { } field ? Number(field.Split('/')[^1]) : null;

    /// <summary>The last process id handed out in this pid namespace; null without /proc/loadavg.</summary>
    /// <returns>The id, or null.</returns>
    public static int? LastProcessId() => Field(4) is { } field ? Number(field) : null;

    /// <summary>How many ids were handed out from <paramref name="before"/> to <paramref name="now"/>, read often enough that the ids wrapped around at most once.</summary>
    /// <param name="before">The earlier <see cref="LastProcessId"/>.</param>
    /// <param name="now">The later one.</param>
    /// <returns>The ids handed out between them.</returns>
    public static int IdsBetween(int before, int now) => now >= before ? now - before : now + IdsWrapAt.Value - before;

    private static string? Field(int index)
    {
        try
        {
            var fields = File.ReadAllText(FileName).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return fields.Length > index ? fields[index] : null;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
