using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E13, count numbers in files: a parallel count over many files.</summary>
/// <remarks>
/// <para>The notebook (docs/course.md, E13) writes 20 files of 1,000 random numbers below 100, one a line,
/// and counts how often each number occurs, reading the files in parallel. (The same files:
/// <c>dotnet run --project grader/GradingKit.Cli -- numbers --out numbers</c>.)</para>
/// <para>The grader generates files afresh and checks that your counts equal an independent count, for the
/// notebook's files and larger ones; that <c>\n</c> and <c>\r\n</c> line endings, a missing final newline
/// and an empty file are read right; that as many workers as CPUs count about that many times faster than
/// your own one-worker run (which keeps to one worker: <c>workers</c> is the number to use); and
/// that a missing file or a bad token throws an exception naming the file (and the line of the bad token);
/// an AggregateException, as Parallel.ForEach and PLINQ throw, counts when an exception inside it does.</para>
/// <para>Hint: <see cref="File.ReadLines(string)"/> handles both line endings. Count into a dictionary per
/// worker and merge under a lock, as in E07.</para>
/// </remarks>
public sealed class NumberCounter : INumberCounter
{
    /// <inheritdoc />
    public IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers) =>
        throw NotDone.Yet("E13", "NumberCounter.CountOccurrences");
}
