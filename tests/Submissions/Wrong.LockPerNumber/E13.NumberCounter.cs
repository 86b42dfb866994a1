using System.Globalization;
using System.Runtime.ExceptionServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class NumberCounter : INumberCounter
{
    public IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        // The mistake: one shared dictionary, and the lock taken for every number; the workers queue for it.
        var totals = new Dictionary<int, long>();
        var guard = new Lock();
        try
        {
            Parallel.ForEach(filePaths, new ParallelOptions { MaxDegreeOfParallelism = workers }, path => CountFile(path, totals, guard));
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failure.InnerExceptions[0]);
        }

        return totals;
    }

    private static void CountFile(string path, Dictionary<int, long> counts, Lock guard)
    {
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var token = text.AsSpan().Trim();
            if (token.IsEmpty)
            {
                continue;
            }

            if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                throw new FormatException($"{path}, line {line}: '{token}' is not an integer.");
            }

            lock (guard)
            {
                counts[number] = counts.GetValueOrDefault(number) + 1;
            }
        }
    }
}
