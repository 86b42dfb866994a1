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

    // Another way: below the cutoff the plain recursion goes through this same method, checking its
    // argument and the cutoff at every step; above it, one branch is forked as a task.
    public long ParallelRecursive(int n, int sequentialCutoff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n < 2)
        {
            return n;
        }

        if (n <= sequentialCutoff)
        {
            return ParallelRecursive(n - 1, sequentialCutoff) + ParallelRecursive(n - 2, sequentialCutoff);
        }

        return Fork(n, sequentialCutoff);
    }

    private long Fork(int n, int sequentialCutoff)
    {
        var left = Task.Run(() => ParallelRecursive(n - 1, sequentialCutoff));
        var right = ParallelRecursive(n - 2, sequentialCutoff);
        return left.Result + right;
    }
}
