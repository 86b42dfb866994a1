using GradingKit.Grading.Boundary;

namespace GradingKit.Grading.Checks;

/// <summary>
/// Builds every failure message in one shape: what failed, then what was measured, what was
/// expected, and a hint naming the likely mistake.
/// </summary>
public static class Feedback
{
    /// <summary>Fails the current check with a message in the standard shape.</summary>
    /// <param name="what">What failed, as one sentence.</param>
    /// <param name="measured">What the check measured.</param>
    /// <param name="expected">What it expected.</param>
    /// <param name="hint">The likely mistake.</param>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Fail(string what, string measured, string expected, Hint hint) =>
        throw GraderVerdicts.Failure(Format(what, measured, expected, hint));

    /// <summary>Fails the current check unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What must hold.</param>
    /// <param name="what">What failed, as one sentence.</param>
    /// <param name="measured">What the check measured; only evaluated on failure.</param>
    /// <param name="expected">What it expected.</param>
    /// <param name="hint">The likely mistake.</param>
    public static void Require(bool condition, string what, Func<string> measured, string expected, Hint hint)
    {
        if (!condition)
        {
            Fail(what, measured(), expected, hint);
        }
    }

    /// <summary>The standard message.</summary>
    /// <param name="what">What failed, as one sentence.</param>
    /// <param name="measured">What the check measured.</param>
    /// <param name="expected">What it expected.</param>
    /// <param name="hint">The likely mistake.</param>
    /// <returns>The message, one part a line.</returns>
    public static string Format(string what, string measured, string expected, Hint hint) =>
        $"""
        {what}
          Measured: {measured}
          Expected: {expected}
          Hint:     {hint}
        """;

    /// <summary>A short list of values for a message: the first few, then how many more.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="most">How many to show.</param>
    /// <returns>The values, comma-separated.</returns>
    public static string List<T>(IEnumerable<T> values, int most = 8) => List(values.ToList(), value => $"{value}", most);

    /// <summary>A count for a message, with its noun in the singular or the plural: "1 thread", "3 threads".</summary>
    /// <param name="count">The count.</param>
    /// <param name="what">The noun, in the singular; its plural adds an s.</param>
    /// <returns>The count and its noun.</returns>
    public static string Count(long count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";

    /// <summary>
    /// A short list of values for a message, each described only if it is shown: describing an
    /// exception from student code is a bounded call of its own.
    /// </summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="describe">How one value reads.</param>
    /// <param name="most">How many to show.</param>
    /// <returns>The values shown, comma-separated, then how many there are in all if not all were shown.</returns>
    public static string List<T>(IReadOnlyList<T> values, Func<T, string> describe, int most = 8)
    {
        var shown = string.Join(", ", values.Take(most).Select(describe));
        return values.Count > most ? $"{shown}, ... ({values.Count} in all)" : shown;
    }
}
