using System.Numerics;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Idiom: fork both halves with Task.Run, join them with Task.WaitAll.
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
        if (n <= sequentialCutoff || n < 2)
        {
            return Sequential(n);
        }

        var left = Task.Run(() => ParallelRecursive(n - 1, sequentialCutoff));
        var right = Task.Run(() => ParallelRecursive(n - 2, sequentialCutoff));
        Task.WaitAll(left, right);
        return left.Result + right.Result;
    }

    private static long Sequential(int n) => n < 2 ? n : Sequential(n - 1) + Sequential(n - 2);
}
