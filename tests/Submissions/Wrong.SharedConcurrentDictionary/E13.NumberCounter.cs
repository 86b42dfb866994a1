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

        // The mistake: one ConcurrentDictionary that every worker adds every number to; the workers fight over it.
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        try
        {
            Parallel.ForEach(filePaths, new ParallelOptions { MaxDegreeOfParallelism = workers }, path => CountFile(path, totals));
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failure.InnerExceptions[0]);
        }

        return totals;
    }

    private static void CountFile(string path, System.Collections.Concurrent.ConcurrentDictionary<int, long> counts)
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

            counts.AddOrUpdate(number, 1, (_, count) => count + 1);
        }
    }
}
