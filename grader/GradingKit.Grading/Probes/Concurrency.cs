using System.Diagnostics;
using System.Globalization;
using GradingKit.Grading.Checks;
using GradingKit.Grading.Measuring;

namespace GradingKit.Grading.Probes;

/// <summary>
/// The witness of parallelism for work that student code does itself: how the call's CPU time
/// spread over the process's threads. The call's time is cut into windows of at least
/// <see cref="Thresholds.Witness.Window"/>: a sampler wakes every few milliseconds and reads each
/// thread's own CPU clock (the threads listed in <c>/proc/self/task</c>), and the caller reads them
/// once more when the call returns. In each window it compares the CPU time of all threads with that
/// of the busiest one. Work done one piece after another runs on one thread at a time, so the two
/// are about equal, however many threads it hands the pieces to; a busy machine changes nothing (a
/// thread that waits for a CPU runs next to nothing), nor does one CPU. Work done in parallel spreads
/// over two or more threads: all of them together run at least <see cref="Thresholds.Witness.ParallelSpread"/>
/// x the busiest, whether two threads share one CPU or fifty share two. Where many threads share few
/// CPUs, the sampler itself waits for a CPU and its windows grow longer; every window is weighed by
/// its length, and the last one, read after the call, always counts. Linux only: elsewhere there is
/// no witness and wall time alone judges.
/// </summary>
/// <param name="Observed">How long the windows with work under way lasted together.</param>
/// <param name="Together">How long of that the work was spread over two or more threads.</param>
/// <param name="Windows">How many windows with work under way there were.</param>
/// <param name="Widest">The widest spread seen: all threads' CPU time over the busiest thread's.</param>
/// <param name="Sampler">The CPU time of the sampler itself, which the process's CPU time during the call includes (it is not the student's work).</param>
public sealed record Concurrency(TimeSpan Observed, TimeSpan Together, int Windows, double Widest, TimeSpan Sampler = default)
{
    /// <summary>Where Linux lists the process's threads, a folder each.</summary>
    internal const string Tasks = "/proc/self/task";

    /// <summary>
    /// The runtime's own threads, by the start of their names (Linux keeps 15 characters): the JIT
    /// compiling hot code in the background and the garbage collector run beside any code, so they
    /// are not the student's work. (The thread pool's workers, ".NET TP Worker", are.)
    /// </summary>
    private static readonly string[] RuntimeThreads = [".NET Tiered Com", ".NET BGC", ".NET Server GC"];

    /// <summary>The picture of the call: how many CPUs' worth of work ran, a window at a time.</summary>
    public Timeline? Timeline { get; init; }

    /// <summary>What the threads read from files during the call (<see cref="FileReads"/>); null where the system does not tell.</summary>
    public FileReads? Reads { get; init; }

    /// <summary>Whether this system lets a process read its threads' CPU clocks.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Directory.Exists(Tasks) && ThreadCpuTime.Of(ThreadCpuTime.CurrentThreadId()) is not null;

    /// <summary>The share of the time observed during which the work ran in parallel.</summary>
    public double TogetherShare => Observed <= TimeSpan.Zero ? 0 : Together / Observed;

    /// <summary>Whether the witness saw enough to decide: at least <see cref="Thresholds.Witness.TimeToDecide"/> of work under way.</summary>
    public bool Decisive => Observed >= Thresholds.Witness.TimeToDecide;

    /// <summary>Whether the call ran work in parallel for at least <see cref="Thresholds.Witness.ParallelShare"/> of the time observed.</summary>
    public bool Parallel => TogetherShare >= Thresholds.Witness.ParallelShare;

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

        var runtime = new Dictionary<int, bool>();
        var windows = new WindowLog(Reading.Now(exclude: -1, runtime));
        var samplerId = -1;
        var samplerCpu = TimeSpan.Zero;
        using var stop = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            samplerId = ThreadCpuTime.CurrentThreadId();
            while (!stop.Wait(Thresholds.Witness.SampleEvery))
            {
                windows.Close(Reading.Now(samplerId, runtime), last: false);
            }

            samplerCpu = ThreadCpuTime.Now();
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

        windows.Close(Reading.Now(samplerId, runtime), last: true);
        return windows.Seen with { Sampler = samplerCpu, Timeline = windows.Timeline, Reads = windows.Reads };
    }

    /// <summary>For a message: "work spread over two or more threads for 96% of 480 ms observed in 24 windows (at most 3.1 x the busiest thread's CPU time)".</summary>
    /// <returns>The witness in words.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"work spread over two or more threads for {TogetherShare * 100:0}% of {Durations.Format(Observed)} observed in {Feedback.Count(Windows, "window")} (at most {Widest:0.0} x the busiest thread's CPU time)")
        + (Decisive ? string.Empty : $"; too little observed to decide (less than {Durations.Format(Thresholds.Witness.TimeToDecide)}): wall time alone judges");

    /// <summary>Every thread's CPU clock at one instant, but the sampler's own and the runtime's (<see cref="RuntimeThreads"/>).</summary>
    private sealed record Reading(long At, Dictionary<int, TimeSpan> Clocks)
    {
        public static Reading Now(int exclude, Dictionary<int, bool> runtime)
        {
            var clocks = new Dictionary<int, TimeSpan>();
            foreach (var task in Directory.EnumerateDirectories(Tasks))
            {
                if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var thread)
                    && thread != exclude
                    && !IsRuntimeThread(task, thread, runtime)
                    && ThreadCpuTime.Of(thread) is { } time)
                {
                    clocks[thread] = time;
                }
            }

            return new Reading(Stopwatch.GetTimestamp(), clocks);
        }

        /// <summary>Whether the thread is one of the runtime's own (its name read once per call).</summary>
        private static bool IsRuntimeThread(string task, int thread, Dictionary<int, bool> runtime)
        {
            if (!runtime.TryGetValue(thread, out var isRuntime))
            {
                string name;
                try
                {
                    name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                }
                catch (IOException)
                {
                    name = string.Empty; // the thread has ended
                }

                isRuntime = RuntimeThreads.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
                runtime[thread] = isRuntime;
            }

            return isRuntime;
        }
    }

    /// <summary>The call's time cut into windows, each closed once it is long enough, and what they saw.</summary>
    private sealed class WindowLog(Reading start)
    {
        private readonly Dictionary<int, List<TimelineSpan>> computing = [];
        private readonly ReadLog reads = new(start.Clocks.Keys);
        private readonly long began = start.At;
        private Reading opened = start;
        private TimeSpan observed;
        private TimeSpan together;
        private int count;
        private double widest;

        public Concurrency Seen => new(observed, together, count, widest);

        public Timeline Timeline => new([.. computing.Values.SelectMany(spans => spans)], Stopwatch.GetElapsedTime(began, opened.At), Computing: true);

        public FileReads? Reads => reads.Seen;

        /// <summary>Closes the open window at <paramref name="now"/> if it is long enough, or if it is the last.</summary>
        public void Close(Reading now, bool last)
        {
            var length = Stopwatch.GetElapsedTime(opened.At, now.At);
            if (length < Thresholds.Witness.Window && !last)
            {
                return;
            }

            var ran = now.Clocks.Select(thread => thread.Value - opened.Clocks.GetValueOrDefault(thread.Key)).ToList();
            var all = ran.Aggregate(TimeSpan.Zero, (sum, time) => sum + time);
            reads.Update(now.Clocks.Where(thread => thread.Value > opened.Clocks.GetValueOrDefault(thread.Key)).Select(thread => thread.Key));
            Draw(all, now, length);
            opened = now;
            if (all <= TimeSpan.Zero || all < length * Thresholds.Witness.WorkUnderWay)
            {
                return; // next to nothing ran: a window without work says nothing of its spread
            }

            var spread = all / ran.Max();
            observed += length;
            together += spread >= Thresholds.Witness.ParallelSpread ? length : TimeSpan.Zero;
            count++;
            widest = Math.Max(widest, spread);
        }

        /// <summary>
        /// Draws the closing window as CPUs' worth of work: all threads' CPU time over the window's
        /// length, rounded, extends that many rows (one after another: 1; two threads together: 2).
        /// </summary>
        private void Draw(TimeSpan all, Reading now, TimeSpan length)
        {
            var from = Stopwatch.GetElapsedTime(began, opened.At);
            var to = Stopwatch.GetElapsedTime(began, now.At);
            for (var cpu = 1; cpu <= (int)Math.Round(all / length); cpu++)
            {
                var spans = computing.TryGetValue(cpu, out var list) ? list : computing[cpu] = [];
                if (spans.Count > 0 && spans[^1].End == from)
                {
                    spans[^1] = spans[^1] with { End = to };
                }
                else
                {
                    spans.Add(new TimelineSpan(cpu, from, to));
                }
            }
        }
    }
}

/// <summary>
/// How much the threads of a call read from files (the kernel's count of bytes each thread's read
/// calls returned, <c>rchar</c> in <c>/proc/self/task/*/io</c>): work that reads its input, counted
/// by the thread that did the reading. Threads are read when a window closes in which they ran.
/// </summary>
/// <param name="Total">The bytes all the call's threads read.</param>
/// <param name="Busiest">The bytes the thread that read most read.</param>
/// <param name="Threads">How many threads read anything.</param>
public sealed record FileReads(long Total, long Busiest, int Threads)
{
    /// <summary>The share of the bytes read that one thread read.</summary>
    public double BusiestShare => Total <= 0 ? 0 : (double)Busiest / Total;

    /// <summary>A size for a message: "48.2 MB", "512 kB", "12 bytes".</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>The size in words.</returns>
    public static string Format(long bytes) => bytes switch
    {
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}

/// <summary>Each thread's bytes read, from its first look to its last (<see cref="FileReads"/>).</summary>
internal sealed class ReadLog
{
    private readonly Dictionary<int, (long First, long Last)> threads = [];
    private bool available = true;

    /// <summary>Starts with the threads that exist before the call: what they read before it does not count.</summary>
    public ReadLog(IEnumerable<int> before)
    {
        foreach (var thread in before)
        {
            if (BytesRead(thread) is { } bytes)
            {
                threads[thread] = (bytes, bytes);
            }
        }
    }

    /// <summary>What was seen; null where the system does not count the bytes threads read.</summary>
    public FileReads? Seen => available
        ? new(threads.Values.Sum(t => t.Last - t.First), threads.Values.Select(t => t.Last - t.First).DefaultIfEmpty().Max(), threads.Values.Count(t => t.Last > t.First))
        : null;

    /// <summary>
    /// Looks again at the threads that ran since the last look; a thread new since the call began has
    /// read from 0 (as has one whose count went down: a new thread under an ended one's id).
    /// </summary>
    public void Update(IEnumerable<int> ran)
    {
        foreach (var thread in ran)
        {
            if (BytesRead(thread) is { } bytes)
            {
                threads[thread] = (threads.TryGetValue(thread, out var seen) && bytes >= seen.First ? seen.First : 0, bytes);
            }
        }
    }

    private long? BytesRead(int thread)
    {
        if (!available)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(Concurrency.Tasks, thread.ToString(CultureInfo.InvariantCulture), "io"));
        }
        catch (IOException)
        {
            return null; // the thread has ended
        }
        catch (UnauthorizedAccessException)
        {
            available = false;
            return null;
        }

        const string Field = "rchar: ";
        var line = text.Split('\n').FirstOrDefault(line => line.StartsWith(Field, StringComparison.Ordinal));
        if (line is null || !long.TryParse(line.AsSpan(Field.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            available = false;
            return null;
        }

        return bytes;
    }
}
