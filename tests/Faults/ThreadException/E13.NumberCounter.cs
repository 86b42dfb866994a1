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

        // The fault: an exception escapes a raw thread (it would end any .NET process).
        var failing = new Thread(() => throw new InvalidOperationException("thrown on a worker thread"));
        failing.Start();
        failing.Join();

        // A dictionary per worker, merged once per worker under the lock.
        var totals = new Dictionary<int, long>();
        var merge = new Lock();
        try
        {
            Parallel.ForEach(
                filePaths,
                new ParallelOptions { MaxDegreeOfParallelism = workers },
                () => new Dictionary<int, long>(),
                (path, _, counts) => CountFile(path, counts),
                counts =>
                {
                    lock (merge)
                    {
                        foreach (var (number, count) in counts)
                        {
                            totals[number] = totals.GetValueOrDefault(number) + count;
                        }
                    }
                });
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
        {
            // The caller wants the file's own error, not the loop's wrapper.
            ExceptionDispatchInfo.Throw(failure.InnerExceptions[0]);
        }

        return totals;
    }

    private static Dictionary<int, long> CountFile(string path, Dictionary<int, long> counts)
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

            counts[number] = counts.GetValueOrDefault(number) + 1;
        }

        return counts;
    }
}
