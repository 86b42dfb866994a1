using System.Collections.Concurrent;
using GradingKit.Grading.Checks;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Measures how many of the grader's tasks run at once. Each task counts itself in
/// (an Interlocked counter gives the upper bound), then waits at a gate that opens once
/// <c>target</c> tasks are in flight together (the lower bound), bounded by
/// <see cref="Thresholds.Probes.GateTimeout"/> so that too little parallelism reports instead of hanging.
/// After the gate each task keeps its place for <see cref="Thresholds.Probes.Hold"/>, so that
/// more in flight than allowed becomes visible.
/// </summary>
/// <param name="target">How many tasks must be in flight at once for the gate to open.</param>
public sealed class ConcurrencyProbe(int target)
{
    private readonly Gate gate = new();
    // The threads themselves, not their ids: the runtime gives a collected thread's id to the next thread
    // it starts, so threads that ran one after another could pass for one.
    private readonly ConcurrentDictionary<Thread, byte> threads = new();
    private int inFlight;
    private int maxInFlight;
    private int entered;
    private int exited;

    /// <summary>
    /// A number of workers for a probe: 2 to 2 x the CPU count + 1, but never the CPU count itself, so that
    /// a solution that runs the runtime's default (one worker per CPU: Parallel.ForEachAsync, PLINQ)
    /// instead of the number it was given cannot pass by the draw.
    /// </summary>
    /// <param name="random">The check's random source.</param>
    /// <returns>The number of workers.</returns>
    public static int DrawWorkers(Random random) => DrawWorkers(random, Environment.ProcessorCount);

    /// <summary>A number of workers for a probe on a machine of <paramref name="processors"/> CPUs (<see cref="DrawWorkers(Random)"/>).</summary>
    internal static int DrawWorkers(Random random, int processors)
    {
        if (processors < 2)
        {
            return random.Next(2, (2 * processors) + 2); // no CPU count among 2 and 3 to skip
        }

        var workers = random.Next(2, (2 * processors) + 1);
        return workers >= processors ? workers + 1 : workers;
    }

    /// <summary>How many tasks the gate waits for.</summary>
    public int Target => target;

    /// <summary>The most tasks seen in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>How many tasks have started.</summary>
    public int Entered => Volatile.Read(ref entered);

    /// <summary>How many tasks have finished.</summary>
    public int Exited => Volatile.Read(ref exited);

    /// <summary>Whether <see cref="Target"/> tasks were ever in flight at once.</summary>
    public bool TargetReached => gate.IsOpen;

    /// <summary>The managed ids of the threads the tasks ran on, one per thread (the probe keeps each thread, so no id is reused among them).</summary>
    public IReadOnlyCollection<int> Threads => threads.Keys.Select(thread => thread.ManagedThreadId).ToList();

    /// <summary>Runs one probed task: count in, wait for the others, hold, run <paramref name="body"/>, count out.</summary>
    /// <param name="body">What the task does besides being counted.</param>
    public void Run(Action? body = null)
    {
        Enter();
        try
        {
            gate.Wait();
            Thread.Sleep(Thresholds.Probes.Hold);
            body?.Invoke();
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Counts a task in.</summary>
    public void Enter()
    {
        threads.TryAdd(Thread.CurrentThread, 0);
        Interlocked.Increment(ref entered);
        var now = Interlocked.Increment(ref inFlight);
        var max = Volatile.Read(ref maxInFlight);
        while (now > max && Interlocked.CompareExchange(ref maxInFlight, now, max) != max)
        {
            max = Volatile.Read(ref maxInFlight);
        }

        if (now >= target)
        {
            gate.Open();
        }
    }

    /// <summary>Counts a task out.</summary>
    public void Exit()
    {
        Interlocked.Decrement(ref inFlight);
        Interlocked.Increment(ref exited);
    }

    /// <summary>Fails the check when more tasks were in flight at once than <paramref name="limit"/>.</summary>
    /// <param name="what">The call that ran the tasks.</param>
    /// <param name="limit">The most allowed at once.</param>
    /// <param name="why">Why that many, for the message (for example "workers = 3").</param>
    public void RequireAtMost(string what, int limit, string why) =>
        Feedback.Require(
            MaxInFlight <= limit,
            $"{what} ran more tasks at once than allowed.",
            () => $"{MaxInFlight} in flight at once",
            $"at most {limit} ({why})",
            Hints.TooManyInFlight);

    /// <summary>
    /// Fails the check unless the call kept exactly <see cref="Target"/> workers busy: never more tasks in
    /// flight at once (<see cref="RequireAtMost"/>), and that many at some point (<see cref="RequireTargetReached"/>).
    /// </summary>
    /// <param name="what">The call that ran the tasks, given <see cref="Target"/> workers.</param>
    /// <param name="why">Why that many must run at once, after "workers = N, " in the message (for example "and the work only waits").</param>
    public void RequireExactlyTheWorkers(string what, string why)
    {
        gate.Wait(); // tasks that a call left running after it returned count too
        RequireAtMost(what, Target, $"workers = {Target}");
        RequireTargetReached(what, $"workers = {Target}, {why}");
    }

    /// <summary>
    /// Fails the check when <see cref="Target"/> tasks were never in flight at once, waiting as long as the
    /// tasks themselves wait at the gate: a call that returned before its last threads entered (it joined
    /// none) still started them all (in CI, 6 of 7 had entered when RunAll returned).
    /// </summary>
    /// <param name="what">The call that ran the tasks.</param>
    /// <param name="why">Why that many, for the message.</param>
    /// <param name="hintWhenOneAtATime">The hint when the tasks ran strictly one at a time.</param>
    public void RequireTargetReached(string what, string why, Hint? hintWhenOneAtATime = null) =>
        Feedback.Require(
            gate.Wait(),
            $"{what} ran fewer tasks at once than it should.",
            () => $"at most {MaxInFlight} in flight at once (waited {Thresholds.Probes.GateTimeout.TotalSeconds:0} s for {Target})",
            $"{Target} at once ({why})",
            MaxInFlight <= 1 ? hintWhenOneAtATime ?? Hints.Sequential : Hints.TooFewInFlight);
}
