using System.Numerics;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

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

        // Async fork-join, started on the thread pool and waited for once, so that blocking on it
        // cannot deadlock a caller that has a synchronization context.
        return Task.Run(() => FibonacciAsync(n, sequentialCutoff)).GetAwaiter().GetResult();
    }

    private static async Task<long> FibonacciAsync(int n, int sequentialCutoff)
    {
        if (n < 2 || n <= sequentialCutoff)
        {
            return Sequential(n);
        }

        var left = Task.Run(() => FibonacciAsync(n - 1, sequentialCutoff));
        var right = await FibonacciAsync(n - 2, sequentialCutoff);
        return await left + right;
    }

    private static long Sequential(int n) => n < 2 ? n : Sequential(n - 1) + Sequential(n - 2);
}
