using System.Globalization;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: Parallel.ForEachAsync over the files, each read with File.ReadLinesAsync into a dictionary of
// its own, merged under a lock; the call waits for it (the contract is synchronous).
public sealed class NumberCounter : INumberCounter
{
    public IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var totals = new Dictionary<int, long>();
        var merge = new Lock();
        Parallel.ForEachAsync(filePaths, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (path, cancellation) =>
        {
            var counts = await CountFileAsync(path, cancellation);
            lock (merge)
            {
                foreach (var (number, count) in counts)
                {
                    totals[number] = totals.GetValueOrDefault(number) + count;
                }
            }
        }).GetAwaiter().GetResult();
        return totals;
    }

    private static async Task<Dictionary<int, long>> CountFileAsync(string path, CancellationToken cancellation)
    {
        var counts = new Dictionary<int, long>();
        var line = 0;
        await foreach (var text in File.ReadLinesAsync(path, cancellation))
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
