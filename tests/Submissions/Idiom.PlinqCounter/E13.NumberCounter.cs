using System.Globalization;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: PLINQ with a dictionary per file, merged at the end; the AggregateException that PLINQ
// throws around a file's error is let through as it is.
public sealed class NumberCounter : INumberCounter
{
    public IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        return filePaths
            .AsParallel()
            .WithDegreeOfParallelism(Math.Min(workers, 512))
            .Select(CountFile)
            .Aggregate(
                () => new Dictionary<int, long>(),
                (total, counts) => Add(total, counts),
                (left, right) => Add(left, right),
                total => total);
    }

    private static Dictionary<int, long> Add(Dictionary<int, long> total, Dictionary<int, long> counts)
    {
        foreach (var (number, count) in counts)
        {
            total[number] = total.GetValueOrDefault(number) + count;
        }

        return total;
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
