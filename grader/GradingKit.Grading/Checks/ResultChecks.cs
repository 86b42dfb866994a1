using GradingKit.Grading.Boundary;

namespace GradingKit.Grading.Checks;

/// <summary>Checks on the results of a map: every item once, in the order of the items.</summary>
public static class ResultChecks
{
    /// <summary>Fails the check unless <paramref name="actual"/> equals <paramref name="expected"/>, naming the mistake it sees.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="what">The call that produced the results.</param>
    /// <param name="expected">The results in the order of the items.</param>
    /// <param name="actual">What the call returned, copied on the student's thread (<see cref="StudentCode.CopyOf{T}(IReadOnlyList{T})"/>).</param>
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

    /// <summary>
    /// Fails the check when a call returned before all its tasks had run and the rest ran after it
    /// returned: it did not wait for them. Where nothing more runs, it leaves the verdict to the
    /// check of which ran.
    /// </summary>
    /// <param name="what">The call that ran the tasks.</param>
    /// <param name="ran">How many tasks have run so far.</param>
    /// <param name="count">How many tasks there are.</param>
    public static void RequireAllRanBeforeReturn(string what, Func<int> ran, int count)
    {
        ArgumentNullException.ThrowIfNull(ran);
        var atReturn = ran();
        if (atReturn >= count)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ran() < count && clock.Elapsed < Thresholds.StudentCalls.StragglerWait)
        {
            Thread.Sleep(10);
        }

        var later = ran();
        Feedback.Require(
            later == atReturn,
            $"{what} returned before its tasks had run.",
            () => $"{atReturn} of {count} tasks had run when it returned; {later} had run {Durations.Format(clock.Elapsed)} later",
            $"all {count} run before it returns",
            Hints.ReturnedEarly);
    }

    /// <summary>Fails the check unless every index from 0 to <paramref name="count"/> - 1 was seen exactly once.</summary>
    /// <param name="what">The call that ran the tasks or items.</param>
    /// <param name="seen">The indices seen, one per run.</param>
    /// <param name="count">How many indices there are.</param>
    /// <param name="unit">What an index stands for ("task index", "item").</param>
    /// <param name="hint">The likely mistake.</param>
    public static void RequireEachIndexOnce(string what, IEnumerable<int> seen, int count, string unit, Hint hint)
    {
        var runs = new int[count];
        var strays = new List<int>();
        foreach (var index in seen)
        {
            if (index >= 0 && index < count)
            {
                runs[index]++;
            }
            else
            {
                strays.Add(index);
            }
        }

        var wrong = Enumerable.Range(0, count).Where(index => runs[index] != 1).ToList();
        Feedback.Require(
            wrong.Count == 0 && strays.Count == 0,
            $"{what} did not run each {unit} exactly once.",
            () => $"run other than once: {unit} {Feedback.List(wrong.Select(index => $"{index} ({runs[index]}x)"))}"
                + (strays.Count > 0 ? $"; out of range: {unit} {Feedback.List(strays)}" : string.Empty),
            $"every {unit} from 0 to {count - 1}, once each",
            hint);
    }
}
