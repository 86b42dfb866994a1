using System.Numerics;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The mistake: ParallelRecursive never forks.
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
        return n < 2 ? n : ParallelRecursive(n - 1, sequentialCutoff) + ParallelRecursive(n - 2, sequentialCutoff);
    }
}
