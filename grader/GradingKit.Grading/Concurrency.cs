using System.Diagnostics;
using System.Globalization;

namespace GradingKit.Grading;

/// <summary>
/// The witness of parallelism for work that student code does itself: how many of the process's
/// threads were working together during a call. Every few milliseconds a sampler reads each thread's
/// own CPU clock (the threads listed in <c>/proc/self/task</c>); a thread is working at a moment when
/// it ran for at least <see cref="Thresholds.WorkingShare"/> of the last <see cref="Thresholds.WitnessWindow"/>.
/// Work done one piece after another has one working thread at a time, however many threads it hands
/// the pieces to; a busy machine changes nothing (a thread that waits for a CPU, or wakes for a moment,
/// runs next to nothing), nor does one CPU (two threads sharing it each run about half the time).
/// Work done in parallel has two or more. Linux only: elsewhere there is no witness and wall time
/// alone judges.
/// </summary>
/// <param name="Samples">How many moments were sampled while the call ran.</param>
/// <param name="Together">At how many of them at least two threads were working.</param>
/// <param name="Most">The most threads working at one moment.</param>
public sealed record Concurrency(int Samples, int Together, int Most)
{
    private const string Tasks = "/proc/self/task";

    /// <summary>Whether this system lets a process read its threads' CPU clocks.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Directory.Exists(Tasks) && ThreadCpuTime.Of(ThreadCpuTime.CurrentThreadId()) is not null;

    /// <summary>The share of the sampled moments at which the work ran in parallel.</summary>
    public double TogetherShare => Samples == 0 ? 0 : (double)Together / Samples;

    /// <summary>
    /// Whether the call ran work in parallel for at least <see cref="Thresholds.ParallelShare"/> of its
    /// time. A sampler that got the CPU fewer than <see cref="Thresholds.FewestWitnessSamples"/> times
    /// saw too little to tell: the witness does not object, and wall time judges.
    /// </summary>
    public bool Parallel => Samples < Thresholds.FewestWitnessSamples || TogetherShare >= Thresholds.ParallelShare;

    /// <summary>Runs <paramref name="run"/> and samples how many threads were working meanwhile.</summary>
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

        var (samples, together, most) = (0, 0, 0);
        using var stop = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            var self = ThreadCpuTime.CurrentThreadId();
            var window = Math.Max(1, (int)Math.Round(Thresholds.WitnessWindow / Thresholds.WitnessSampleEvery));
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
                var least = Stopwatch.GetElapsedTime(then.At, now.At) * Thresholds.WorkingShare;
                var working = now.Clocks.Count(thread => thread.Value - then.Clocks.GetValueOrDefault(thread.Key) >= least);
                samples++;
                together += working >= 2 ? 1 : 0;
                most = Math.Max(most, working);
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

        return new Concurrency(samples, together, most);
    }

    /// <summary>For a message: "two or more threads working together at 96% of 180 moments sampled (at most 3 at once)".</summary>
    /// <returns>The witness in words.</returns>
    public override string ToString() =>
        $"two or more threads working together at {TogetherShare * 100:0}% of {Samples} moments sampled (at most {Most} at once)";

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
