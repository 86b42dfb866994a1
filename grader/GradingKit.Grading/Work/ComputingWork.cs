using System.Diagnostics;
using System.Runtime.CompilerServices;
using GradingKit.Grading.Measuring;

namespace GradingKit.Grading.Work;

/// <summary>
/// The grader's computing task: arithmetic until the thread running it has had a given duration of
/// CPU time (<see cref="ThreadCpuTime"/>), so that one task costs the same CPU time however busy or
/// fast the machine is now, and takes that long in wall time only on a core of its own. It never
/// loops until a wall clock says stop (as the notebook's busy loop does): such a loop ends on time
/// however little CPU it got, and would hide whether tasks ran in parallel at all. Where a thread
/// cannot read its own CPU time, a task is a fixed amount of arithmetic calibrated once per run.
/// </summary>
public static class ComputingWork
{
    private const int CalibrationRounds = 7;
    private static readonly TimeSpan CalibrationSlice = TimeSpan.FromMilliseconds(20);

    /// <summary>How much arithmetic runs between two looks at the thread's CPU time.</summary>
    private static readonly TimeSpan Chunk = TimeSpan.FromMilliseconds(0.2);

    private static readonly Lazy<double> IterationsPerMillisecond = new(Calibrate);
    private static long sink;

    /// <summary>How many iterations take one millisecond on one core of this machine.</summary>
    public static double Rate => IterationsPerMillisecond.Value;

    /// <summary>A task that computes for <paramref name="duration"/> of its thread's CPU time.</summary>
    /// <param name="duration">The CPU time one run of the task costs (its wall time on a core of its own).</param>
    /// <returns>The task.</returns>
    public static Action For(TimeSpan duration)
    {
        var iterations = (long)(Rate * duration.TotalMilliseconds);
        if (!ThreadCpuTime.Available)
        {
            return () => TimelineRecorder.Task(() => Spin(iterations));
        }

        var chunk = Math.Max(1, (long)(Rate * Chunk.TotalMilliseconds));
        return () => TimelineRecorder.Task(() =>
        {
            var end = ThreadCpuTime.Now() + duration;
            while (ThreadCpuTime.Now() < end)
            {
                Spin(chunk);
            }
        });
    }

    /// <summary>Does <paramref name="iterations"/> rounds of xorshift arithmetic that the JIT cannot remove.</summary>
    /// <param name="iterations">The amount of work.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Spin(long iterations)
    {
        var x = 88172645463325252UL;
        for (var i = 0L; i < iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        Volatile.Write(ref sink, (long)x);
    }

    private static double Calibrate()
    {
        // The fastest of several slices: interruptions only ever make a slice slower. A slice is
        // timed by the shorter of its wall time and the process's CPU time, so that a slice spent
        // partly off the core (a busy machine) does not pass for slow arithmetic.
        var iterations = 100_000L;
        var fastest = 0.0;
        for (var round = 0; round < CalibrationRounds || fastest == 0; round++)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            Spin(iterations);
            var elapsed = clock.Elapsed;
            var onCore = Environment.CpuUsage.TotalTime - cpu;
            if (elapsed < CalibrationSlice)
            {
                iterations *= 2;
                round--;
                continue;
            }

            var sliceTime = onCore > TimeSpan.Zero && onCore < elapsed ? onCore : elapsed;
            fastest = Math.Max(fastest, iterations / sliceTime.TotalMilliseconds);
        }

        return fastest;
    }
}
