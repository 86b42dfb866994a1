using System.Globalization;
using System.Text;

namespace GradingKit.Protocol;

/// <summary>
/// The notebook's data generator: files of random integers, one a line. Students can make the
/// same files the grader uses; the grader knows what it wrote, so its count is independent of
/// any reading code.
/// </summary>
public static class NumberFiles
{
    /// <summary>The notebook's files: how many.</summary>
    public const int NotebookFiles = 20;

    /// <summary>The notebook's files: numbers in each.</summary>
    public const int NotebookNumbersPerFile = 1000;

    /// <summary>The notebook's numbers: the smallest.</summary>
    public const int NotebookFrom = 0;

    /// <summary>The notebook's numbers: one past the largest (they run from 0 to 99).</summary>
    public const int NotebookBelow = 100;

    /// <summary>The notebook's line ending on this system (Python's os.linesep).</summary>
    public static string PlatformLineEnding => Environment.NewLine;

    /// <summary>Writes <paramref name="fileCount"/> files of random integers into <paramref name="directory"/>.</summary>
    /// <param name="directory">Where to write; created when missing.</param>
    /// <param name="fileCount">How many files (the notebook: 20).</param>
    /// <param name="numbersPerFile">How many numbers in each file (the notebook: 1,000).</param>
    /// <param name="minInclusive">The smallest number (the notebook: 0).</param>
    /// <param name="maxExclusive">One past the largest number (the notebook: 100).</param>
    /// <param name="seed">The seed: the same seed writes the same files.</param>
    /// <param name="lineEnding">"\n" or "\r\n"; the notebook writes os.linesep.</param>
    /// <param name="trailingLineEnding">Whether the last number is followed by a line ending too.</param>
    /// <returns>The files written and how often each number occurs in them.</returns>
    public static NumberFileSet Write(
        string directory, int fileCount, int numbersPerFile, int minInclusive, int maxExclusive, int seed,
        string lineEnding = "\n", bool trailingLineEnding = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileCount);
        ArgumentOutOfRangeException.ThrowIfNegative(numbersPerFile);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(minInclusive, maxExclusive);
        if (lineEnding is not ("\n" or "\r\n"))
        {
            throw new ArgumentException("A line ending is \"\\n\" or \"\\r\\n\".", nameof(lineEnding));
        }

        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var counts = new Dictionary<int, long>();
        var paths = new List<string>(fileCount);
        for (var file = 0; file < fileCount; file++)
        {
            var text = new StringBuilder();
            for (var line = 0; line < numbersPerFile; line++)
            {
                var number = random.Next(minInclusive, maxExclusive);
                counts[number] = counts.GetValueOrDefault(number) + 1;
                text.Append(number.ToString(CultureInfo.InvariantCulture));
                if (trailingLineEnding || line < numbersPerFile - 1)
                {
                    text.Append(lineEnding);
                }
            }

            var path = Path.Combine(directory, $"numbers-{file:D3}.txt");
            File.WriteAllText(path, text.ToString());
            paths.Add(path);
        }

        return new NumberFileSet(paths, counts);
    }

    /// <summary>Copies a set <paramref name="copies"/> times into <paramref name="directory"/>: a large set, fast, with known counts.</summary>
    /// <param name="set">The set to copy.</param>
    /// <param name="directory">Where the copies go (a folder per copy).</param>
    /// <param name="copies">How many copies.</param>
    /// <returns>All the copies, with their combined counts.</returns>
    public static NumberFileSet Copy(NumberFileSet set, string directory, int copies)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(copies);
        return Combine(Enumerable.Range(0, copies).Select(copy =>
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, $"copy-{copy}")).FullName;
            var paths = set.Paths.Select(path =>
            {
                var target = Path.Combine(folder, Path.GetFileName(path));
                File.Copy(path, target);
                return target;
            }).ToList();
            return new NumberFileSet(paths, set.Counts);
        }));
    }

    /// <summary>Merges the counts of several sets, as one count over all their files.</summary>
    /// <param name="sets">The sets.</param>
    /// <returns>All the files and their combined counts.</returns>
    public static NumberFileSet Combine(params IEnumerable<NumberFileSet> sets)
    {
        var paths = new List<string>();
        var counts = new Dictionary<int, long>();
        foreach (var set in sets)
        {
            paths.AddRange(set.Paths);
            foreach (var (number, count) in set.Counts)
            {
                counts[number] = counts.GetValueOrDefault(number) + count;
            }
        }

        return new NumberFileSet(paths, counts);
    }
}

/// <summary>Files of numbers and how often each number occurs in them.</summary>
/// <param name="Paths">The files.</param>
/// <param name="Counts">For every number that occurs, how often.</param>
public sealed record NumberFileSet(IReadOnlyList<string> Paths, IReadOnlyDictionary<int, long> Counts);
