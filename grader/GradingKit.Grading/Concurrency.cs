namespace GradingKit.Grading;

/// <summary>
/// The witness of parallelism for work that student code does itself: how many of the process's
/// threads were runnable (running, or ready and waiting for a CPU) at the same moments of a call,
/// sampled every few milliseconds from <c>/proc/self/task/*/stat</c>. Work done one piece after
/// another has one runnable thread at a time, however many threads it hands the pieces to, however
/// busy the machine, and even on one CPU; work done in parallel has several. Linux only: elsewhere
/// there is no witness and wall time alone judges.
/// </summary>
/// <param name="Samples">How many moments were sampled while the call ran.</param>
/// <param name="Together">At how many of them at least two threads were runnable.</param>
/// <param name="Most">The most threads runnable at one moment.</param>
public sealed record Concurrency(int Samples, int Together, int Most)
{
    private const string Tasks = "/proc/self/task";

    /// <summary>Whether this system lets a process see its threads' states.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Directory.Exists(Tasks);

    /// <summary>The share of the sampled moments at which the work ran in parallel.</summary>
    public double TogetherShare => Samples == 0 ? 0 : (double)Together / Samples;

    /// <summary>
    /// Whether the call ran work in parallel for at least <see cref="Thresholds.ParallelShare"/> of its
    /// time. A sampler that got the CPU fewer than <see cref="Thresholds.FewestWitnessSamples"/> times was
    /// crowded out by many runnable threads: one thread at a time leaves it a CPU (or a fair share of one).
    /// </summary>
    public bool Parallel => Samples < Thresholds.FewestWitnessSamples || TogetherShare >= Thresholds.ParallelShare;

    /// <summary>Runs <paramref name="run"/> and samples how many threads were runnable meanwhile.</summary>
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
            var self = ThreadCpuTime.CurrentThreadId().ToString(System.Globalization.CultureInfo.InvariantCulture);
            while (!stop.Wait(Thresholds.WitnessSampleEvery))
            {
                var runnable = Runnable(self);
                samples++;
                together += runnable >= 2 ? 1 : 0;
                most = Math.Max(most, runnable);
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

    /// <summary>For a message: "2 threads runnable together at 96% of 180 moments (at most 3)".</summary>
    /// <returns>The witness in words.</returns>
    public override string ToString() =>
        $"two or more threads runnable together at {TogetherShare * 100:0}% of {Samples} moments sampled (at most {Most} at once)";

    private static int Runnable(string self)
    {
        var count = 0;
        foreach (var task in Directory.EnumerateDirectories(Tasks))
        {
            if (Path.GetFileName(task) == self)
            {
                continue;
            }

            try
            {
                // pid (comm) state ...: the command may hold spaces and parentheses, the state follows the last ')'.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].AsSpan()[0];
                count += state == 'R' ? 1 : 0;
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return count;
    }
}
