namespace GradingKit.Contracts;

/// <summary>E11 and E12, "Fibonacci": iteratively, then in parallel.</summary>
public interface IFibonacci
{
    /// <summary>F(n) with F(0) = 0 and F(1) = 1, computed in a loop, without recursion (E11).</summary>
    /// <param name="n">The index; not negative.</param>
    /// <returns>F(n), exactly.</returns>
    System.Numerics.BigInteger Iterative(int n);

    /// <summary>F(n) by fork-join recursion: plain recursion at n &lt;= <paramref name="sequentialCutoff"/> (E12).</summary>
    /// <param name="n">The index; not negative.</param>
    /// <param name="sequentialCutoff">At or below this n, recurse without starting tasks.</param>
    /// <returns>F(n), exactly.</returns>
    long ParallelRecursive(int n, int sequentialCutoff);
}
