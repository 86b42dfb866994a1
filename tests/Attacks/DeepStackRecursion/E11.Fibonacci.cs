using System.Numerics;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// A recursion the grader's reading of the code does not follow (through a delegate), run on a thread
// of its own with a stack deep enough that F(100000) does not overflow it.
public sealed class Fibonacci : IFibonacci
{
    public BigInteger Iterative(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        BigInteger result = 0;
        Func<int, (BigInteger, BigInteger)>? pair = null;
        pair = k => k == 0 ? (0, 1) : Next(pair!(k - 1));
        var thread = new Thread(() => result = pair(n).Item1, 512 * 1024 * 1024);
        thread.Start();
        thread.Join();
        return result;
    }

    public long ParallelRecursive(int n, int sequentialCutoff) => throw new NotImplementedException();

    private static (BigInteger, BigInteger) Next((BigInteger A, BigInteger B) pair) => (pair.B, pair.A + pair.B);
}
