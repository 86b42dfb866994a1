namespace GradingKit.Grading;

/// <summary>Checks on the results of a map: every item once, in the order of the items.</summary>
public static class ResultChecks
{
    /// <summary>Fails the check unless <paramref name="actual"/> equals <paramref name="expected"/>, naming the mistake it sees.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="what">The call that produced the results.</param>
    /// <param name="expected">The results in the order of the items.</param>
    /// <param name="actual">What the call returned.</param>
    public static void RequireInItemOrder<T>(string what, IReadOnlyList<T> expected, IReadOnlyList<T>? actual)
    {
        if (actual is not null && actual.SequenceEqual(expected))
        {
            return;
        }

        var sameResults = actual is not null && actual.Order().SequenceEqual(expected.Order());
        var firstDifference = actual is null ? -1 : Enumerable.Range(0, Math.Min(actual.Count, expected.Count)).FirstOrDefault(i => !Equals(actual[i], expected[i]), -1);
        Feedback.Fail(
            sameResults ? $"{what} returned the right results in the wrong order." : $"{what} did not return one result per item.",
            actual is null
                ? "null"
                : $"{actual.Count} results: {Feedback.List(actual)}"
                    + (firstDifference >= 0 ? $"; first difference at index {firstDifference}: {actual[firstDifference]}" : string.Empty),
            $"{expected.Count} results: {Feedback.List(expected)}",
            sameResults ? Hints.OutOfOrder : Hints.ItemRunTwiceOrNever);
    }
}
