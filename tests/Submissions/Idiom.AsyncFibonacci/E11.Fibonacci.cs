using System.Numerics;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: async recursion: the left half forked with Task.Run, the right computed here, both awaited.
public sealed class Fibonacci : IFibonacci
{
    public BigInteger Iterative(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        BigInteger previous = 0, current = 1;
        for (var step = 0; step < n; step++)
        {
            (previous, current) = (current, previous + current);
        }

        return previous;
    }

    public long ParallelRecursive(int n, int sequentialCutoff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return RecursiveAsync(n, sequentialCutoff).GetAwaiter().GetResult();
    }

    private static async Task<long> RecursiveAsync(int n, int sequentialCutoff)
    {
        if (n <= sequentialCutoff || n < 2)
        {
            return Sequential(n);
        }

        var left = Task.Run(() => RecursiveAsync(n - 1, sequentialCutoff));
        var right = await RecursiveAsync(n - 2, sequentialCutoff);
        return await left + right;
    }

    private static long Sequential(int n) => n < 2 ? n : Sequential(n - 1) + Sequential(n - 2);
}
