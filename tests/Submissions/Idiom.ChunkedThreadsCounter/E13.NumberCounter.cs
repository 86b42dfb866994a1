using System.Globalization;
using System.Runtime.ExceptionServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: the files split into `workers` contiguous chunks, one thread per chunk counting into its own
// dictionary; the dictionaries merged after every thread is joined; the first error thrown again.
public sealed class NumberCounter : INumberCounter
{
    public IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var chunks = filePaths.Chunk(Math.Max(1, (filePaths.Count + workers - 1) / workers)).ToList();
        var counts = new Dictionary<int, long>[chunks.Count];
        var errors = new Exception?[chunks.Count];
        var threads = chunks.Select((chunk, index) => new Thread(() =>
        {
            try
            {
                counts[index] = Count(chunk);
            }
            catch (Exception error)
            {
                errors[index] = error;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        if (errors.FirstOrDefault(error => error is not null) is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        var totals = new Dictionary<int, long>();
        foreach (var part in counts)
        {
            foreach (var (number, count) in part)
            {
                totals[number] = totals.GetValueOrDefault(number) + count;
            }
        }

        return totals;
    }

    private static Dictionary<int, long> Count(IEnumerable<string> paths)
    {
        var counts = new Dictionary<int, long>();
        foreach (var path in paths)
        {
            var line = 0;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                var token = text.Trim();
                if (token.Length == 0)
                {
                    continue;
                }

                if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    throw new FormatException($"{path}, line {line}: '{token}' is not an integer.");
                }

                counts[number] = counts.GetValueOrDefault(number) + 1;
            }
        }

        return counts;
    }
}
