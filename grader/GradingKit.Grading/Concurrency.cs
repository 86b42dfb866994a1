using System.Diagnostics;
using System.Globalization;

namespace GradingKit.Grading;

/// <summary>
/// The witness of parallelism for work that student code does itself: how the call's CPU time
/// spread over the process's threads. Every few milliseconds a sampler reads each thread's own CPU
/// clock (the threads listed in <c>/proc/self/task</c>) and, over the last
/// <see cref="Thresholds.WitnessWindow"/>, compares the CPU time of all threads with that of the
/// busiest one. Work done one piece after another runs on one thread at a time, so the two are
/// about equal, however many threads it hands the pieces to; a busy machine changes nothing (a
/// thread that waits for a CPU, or wakes for a moment, runs next to nothing), nor does one CPU.
/// Work done in parallel spreads over two or more threads: all of them together run at least
/// <see cref="Thresholds.ParallelSpread"/> x the busiest, whether two threads share one CPU or fifty
/// share two. Linux only: elsewhere there is no witness and wall time alone judges.
/// </summary>
/// <param name="Samples">How many moments were sampled while the call ran with work under way.</param>
/// <param name="Together">At how many of them the work was spread over two or more threads.</param>
/// <param name="Widest">The widest spread seen: all threads' CPU time over the busiest thread's.</param>
public sealed record Concurrency(int Samples, int Together, double Widest)
{
    private const string Tasks = "/proc/self/task";

    /// <summary>Whether this system lets a process read its threads' CPU clocks.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Directory.Exists(Tasks) && ThreadCpuTime.Of(ThreadCpuTime.CurrentThreadId()) is not null;

    /// <summary>The share of the sampled moments at which the work ran in parallel.</summary>
    public double TogetherShare => Samples == 0 ? 0 : (double)Together / Samples;

    /// <summary>Whether the sampler saw enough to decide: at least <see cref="Thresholds.FewestWitnessSamples"/> moments with work under way.</summary>
    public bool Decisive => Samples >= Thresholds.FewestWitnessSamples;

    /// <summary>Whether the call ran work in parallel for at least <see cref="Thresholds.ParallelShare"/> of the moments sampled.</summary>
    public bool Parallel => TogetherShare >= Thresholds.ParallelShare;

    /// <summary>Runs <paramref name="run"/> and samples how its CPU time spreads over threads meanwhile.</summary>
    /// <param name="run">The call.</param>
    /// <returns>What was seen; null where the system does not tell.</returns>
    public static Concurrency? Of(Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!Available)
        {
            run();
            return null;
        }

        var (samples, together, widest) = (0, 0, 0.0);
        var window = Math.Max(1, (int)Math.Round(Thresholds.WitnessWindow / Thresholds.WitnessSampleEvery));
        using var stop = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            var self = ThreadCpuTime.CurrentThreadId();
            var history = new Queue<(long At, Dictionary<int, TimeSpan> Clocks)>();
            history.Enqueue((Stopwatch.GetTimestamp(), Clocks(self)));
            while (!stop.Wait(Thresholds.WitnessSampleEvery))
            {
                var now = (At: Stopwatch.GetTimestamp(), Clocks: Clocks(self));
                history.Enqueue(now);
                if (history.Count <= window)
                {
                    continue;
                }

                var then = history.Dequeue();
                var ran = now.Clocks.Select(thread => thread.Value - then.Clocks.GetValueOrDefault(thread.Key)).ToList();
                var all = ran.Aggregate(TimeSpan.Zero, (sum, time) => sum + time);
                var busiest = ran.DefaultIfEmpty(TimeSpan.Zero).Max();
                if (all < Stopwatch.GetElapsedTime(then.At, now.At) * Thresholds.WorkUnderWay)
                {
                    continue; // next to nothing ran: a moment without work says nothing of its spread
                }

                var spread = all / busiest;
                samples++;
                together += spread >= Thresholds.ParallelSpread ? 1 : 0;
                widest = Math.Max(widest, spread);
            }
        })
        { IsBackground = true, Name = "GradingKit concurrency witness" };
        sampler.Start();
        try
        {
            run();
        }
        finally
        {
            stop.Set();
            sampler.Join();
        }

        return new Concurrency(samples, together, widest);
    }

    /// <summary>For a message: "work spread over two or more threads at 96% of 180 moments sampled (at most 3.1 x the busiest thread)".</summary>
    /// <returns>The witness in words.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"work spread over two or more threads at {TogetherShare * 100:0}% of {Samples} moments sampled (at most {Widest:0.0} x the busiest thread's CPU time)")
        + (Decisive ? string.Empty : "; too few moments to decide: wall time alone judges");

    /// <summary>The CPU time of every thread of the process but the sampler, by thread id.</summary>
    private static Dictionary<int, TimeSpan> Clocks(int self)
    {
        var clocks = new Dictionary<int, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories(Tasks))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var thread)
                && thread != self
                && ThreadCpuTime.Of(thread) is { } time)
            {
                clocks[thread] = time;
            }
        }

        return clocks;
    }
}
