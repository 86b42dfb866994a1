using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using GradingKit.Grading.Measuring;

namespace GradingKit.Grading.Work;

/// <summary>
/// What a speed-up check's work costs the grader itself, done plainly on its own thread: a yardstick
/// for the least a student's run of the same work can cost. A run may be leaner than the grader's,
/// never many times cheaper (<see cref="Thresholds.SpeedUp.LeastWorkShare"/>); one that cost next to
/// nothing did not do the work (a result remembered from an earlier call), and a speed-up measured
/// over it says nothing. Each cost is the cheaper of two runs: interruptions only ever make a run dearer.
/// </summary>
public static class GradersOwnWork
{
    /// <summary>How many steps below n the grader's own recursion runs; its cost is scaled up by the number of calls (about 11 x).</summary>
    private const int RecursionStepsBelow = 5;

    private static long sink;

    /// <summary>What F(n) by plain recursion costs the grader: F(n - 5) timed, scaled by the calls plain recursion makes (2 F(k + 1) - 1 for F(k)).</summary>
    /// <param name="n">The index the check times.</param>
    /// <returns>The cost.</returns>
    public static WorkCost PlainRecursion(int n)
    {
        var timed = Math.Max(2, n - RecursionStepsBelow);
        var cost = Cheaper(() => Volatile.Write(ref sink, Recurse(timed)));
        return new(cost * (Calls(n) / Calls(timed)), string.Create(CultureInfo.InvariantCulture, $"the grader's own plain recursion of F({n})"));
    }

    /// <summary>What counting the numbers of some files on one thread costs the grader: the sample counted, times the copies of it timed.</summary>
    /// <param name="sample">The files the timed ones are copies of.</param>
    /// <param name="copies">How many copies of them the check times.</param>
    /// <returns>The cost.</returns>
    public static WorkCost Counting(NumberFileSet sample, int copies)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var cost = Cheaper(() => Volatile.Write(ref sink, Count(sample.Paths)));
        return new(cost * copies, string.Create(CultureInfo.InvariantCulture, $"the grader's own count of the {sample.Paths.Count * copies} files on one thread"));
    }

    private static TimeSpan Cheaper(Action run)
    {
        var first = CostOf(run);
        var second = CostOf(run);
        return first < second ? first : second;
    }

    /// <summary>The CPU time of <paramref name="run"/> on this thread, or its wall time where a thread cannot read its own CPU clock.</summary>
    private static TimeSpan CostOf(Action run)
    {
        if (!ThreadCpuTime.Available)
        {
            var clock = Stopwatch.StartNew();
            run();
            return clock.Elapsed;
        }

        var start = ThreadCpuTime.Now();
        run();
        return ThreadCpuTime.Now() - start;
    }

    private static double Calls(int n)
    {
        double previous = 0, current = 1; // F(k), F(k + 1)
        for (var k = 0; k < n; k++)
        {
            (previous, current) = (current, previous + current);
        }

        return (2 * current) - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Recurse(int n) => n < 2 ? n : Recurse(n - 1) + Recurse(n - 2);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Count(IReadOnlyList<string> paths)
    {
        var counts = new Dictionary<int, long>();
        foreach (var path in paths)
        {
            foreach (var line in File.ReadLines(path))
            {
                var number = int.Parse(line, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture);
                counts[number] = counts.GetValueOrDefault(number) + 1;
            }
        }

        return counts.Count;
    }
}

/// <summary>What some work costs the grader (<see cref="GradersOwnWork"/>).</summary>
/// <param name="Cpu">Its CPU time on one thread.</param>
/// <param name="What">What the grader ran, for a message ("the grader's own plain recursion of F(40)").</param>
public sealed record WorkCost(TimeSpan Cpu, string What)
{
    /// <summary>The least a run of the same work can cost: <see cref="Thresholds.SpeedUp.LeastWorkShare"/> of <see cref="Cpu"/>.</summary>
    public TimeSpan Least => Cpu * Thresholds.SpeedUp.LeastWorkShare;
}
