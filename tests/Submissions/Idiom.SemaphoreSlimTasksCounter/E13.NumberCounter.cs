using System.Globalization;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: a task per file, at most `workers` at once through a SemaphoreSlim; each returns its own
// counts, merged once all have ended.
public sealed class NumberCounter : INumberCounter
{
    public IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        using var slots = new SemaphoreSlim(workers);
        var tasks = filePaths.Select(path => Task.Run(async () =>
        {
            await slots.WaitAsync();
            try
            {
                return CountFile(path);
            }
            finally
            {
                slots.Release();
            }
        })).ToList();

        var totals = new Dictionary<int, long>();
        foreach (var counts in Task.WhenAll(tasks).GetAwaiter().GetResult())
        {
            foreach (var (number, count) in counts)
            {
                totals[number] = totals.GetValueOrDefault(number) + count;
            }
        }

        return totals;
    }

    private static Dictionary<int, long> CountFile(string path)
    {
        var counts = new Dictionary<int, long>();
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

        return counts;
    }
}
