using System.Collections.Concurrent;
using System.Globalization;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: as many dedicated threads as workers, each taking the next file from a shared queue into a
// dictionary of its own; the first file error is rethrown after every thread has ended.
public sealed class NumberCounter : INumberCounter
{
    public IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);

        var queue = new ConcurrentQueue<string>(filePaths);
        var perThread = new Dictionary<int, long>[Math.Min(workers, Math.Max(filePaths.Count, 1))];
        var errors = new ConcurrentQueue<Exception>();
        var threads = new Thread[perThread.Length];
        for (var index = 0; index < threads.Length; index++)
        {
            var counts = perThread[index] = new Dictionary<int, long>();
            threads[index] = new Thread(() =>
            {
                try
                {
                    while (errors.IsEmpty && queue.TryDequeue(out var path))
                    {
                        CountFile(path, counts);
                    }
                }
                catch (Exception error)
                {
                    errors.Enqueue(error);
                }
            });
            threads[index].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (errors.TryPeek(out var first))
        {
            throw first;
        }

        var totals = new Dictionary<int, long>();
        foreach (var counts in perThread)
        {
            foreach (var (number, count) in counts)
            {
                totals[number] = totals.GetValueOrDefault(number) + count;
            }
        }

        return totals;
    }

    private static void CountFile(string path, Dictionary<int, long> counts)
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
}
