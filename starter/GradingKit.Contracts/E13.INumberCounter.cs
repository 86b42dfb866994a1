namespace GradingKit.Contracts;

/// <summary>E13, "count numbers in files": a parallel count over many files.</summary>
public interface INumberCounter
{
    /// <summary>How often each number occurs across all the files (one integer a line), counted in parallel.</summary>
    /// <param name="filePaths">The files to read.</param>
    /// <param name="workers">How many files may be read at once; at least 1.</param>
    /// <returns>For every number that occurs, how many times it occurs in all the files together.</returns>
    IReadOnlyDictionary<int, long> CountOccurrences(IReadOnlyList<string> filePaths, int workers);
}
