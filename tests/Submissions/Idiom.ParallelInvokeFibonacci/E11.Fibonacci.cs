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

    // Another way: Parallel.Invoke forks both branches, and below the cutoff the same recursion goes on
    // plainly, carrying the cutoff and checking it at every step.
    public long ParallelRecursive(int n, int sequentialCutoff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Compute(n, sequentialCutoff);
    }

    private static long Compute(int n, int sequentialCutoff)
    {
        if (n < 2)
        {
            return n;
        }

        return n <= sequentialCutoff
            ? Compute(n - 1, sequentialCutoff) + Compute(n - 2, sequentialCutoff)
            : Fork(n, sequentialCutoff);
    }

    private static long Fork(int n, int sequentialCutoff)
    {
        long left = 0, right = 0;
        Parallel.Invoke(
            () => left = Compute(n - 1, sequentialCutoff),
            () => right = Compute(n - 2, sequentialCutoff));
        return left + right;
    }
}
