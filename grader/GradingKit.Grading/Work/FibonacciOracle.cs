using System.Numerics;

namespace GradingKit.Grading.Work;

/// <summary>The grader's own Fibonacci numbers, by fast doubling: a different method from the students'.</summary>
public static class FibonacciOracle
{
    /// <summary>F(n), exactly.</summary>
    /// <param name="n">The index; not negative.</param>
    /// <returns>F(n).</returns>
    public static BigInteger Of(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        BigInteger a = 0, b = 1; // F(k), F(k + 1) for k = the bits of n read so far
        for (var bit = 31 - BitOperations.LeadingZeroCount((uint)n); bit >= 0; bit--)
        {
            var (f2k, f2k1) = (a * ((2 * b) - a), (a * a) + (b * b));
            (a, b) = ((n >> bit) & 1) == 0 ? (f2k, f2k1) : (f2k1, f2k + f2k1);
        }

        return a;
    }

    /// <summary>
    /// How many recursion steps of a fork-join F(n) lie above the cutoff: the steps that may fork.
    /// </summary>
    /// <param name="n">The index.</param>
    /// <param name="sequentialCutoff">At or below it the recursion is plain.</param>
    /// <returns>The number of steps with n above the cutoff and n at least 2.</returns>
    public static long ForkSteps(int n, int sequentialCutoff)
    {
        var steps = new long[Math.Max(n + 1, 2)];
        for (var k = 2; k <= n; k++)
        {
            steps[k] = k <= sequentialCutoff ? 0 : 1 + steps[k - 1] + steps[k - 2];
        }

        return steps[n];
    }
}
