using System.Numerics;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class Fibonacci : IFibonacci
{
    // The fault: recursion without a base case overflows the stack, which ends any .NET process.
    public BigInteger Iterative(int n) => n + Iterative(n + 1) - Iterative(n + 1);

    public long ParallelRecursive(int n, int sequentialCutoff)
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
        var left = Task.Run(() => ParallelRecursive(n - 1, sequentialCutoff));
        var right = ParallelRecursive(n - 2, sequentialCutoff);
        return left.GetAwaiter().GetResult() + right;
    }

    private static long Sequential(int n) => n < 2 ? n : Sequential(n - 1) + Sequential(n - 2);
}
