using System.Globalization;

namespace GradingKit.Protocol;

/// <summary>Durations as the notebook's <c>%%time</c> prints them, in the checks' messages and the timeline pictures.</summary>
public static class Durations
{
    /// <summary>A duration the way %%time prints it: "3.98 s", "12 ms", "350 µs".</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The duration, rounded to three significant figures.</returns>
    public static string Format(TimeSpan duration) => duration.TotalSeconds switch
    {
        >= 1 or <= -1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.00} s"),
        var s when Math.Abs(s) >= 0.001 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0} µs"),
    };
}
