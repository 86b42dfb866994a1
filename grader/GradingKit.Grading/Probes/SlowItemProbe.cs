using GradingKit.Grading.Checks;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Whether a pool keeps its other workers busy while one item is slow, a witness that load cannot change.
/// The probe hands out <see cref="Thresholds.Probes.SlowItemRounds"/> x <c>workers</c> items. Item 0
/// waits until the items the other workers can run without it have run (at most
/// <see cref="Thresholds.Probes.GateTimeout"/>); every other item returns at once. A pool that hands out
/// the next item as a worker frees up runs all n - 1 meanwhile; one that splits the items into fixed
/// shares beforehand (PLINQ's ranges, a stride per worker) all but item 0's share, n - ceil(n / workers).
/// One that starts the items in batches of <c>workers</c> and waits for each batch whole runs only the
/// rest of item 0's batch: every worker whose item ended early stands idle until the slowest of its
/// batch ends.
/// </summary>
/// <param name="workers">How many workers the call may use (at least 2).</param>
public sealed class SlowItemProbe(int workers)
{
    private readonly ManualResetEventSlim enough = new();
    private int othersRun;
    private int whileSlow = -1;

    /// <summary>The items to hand the call: 0 to n - 1.</summary>
    public IReadOnlyList<int> Items { get; } = Enumerable.Range(0, Thresholds.Probes.SlowItemRounds * workers).ToList();

    /// <summary>How many of the other items must run while item 0 is slow.</summary>
    public int Expected => Items.Count - (int)Math.Ceiling(Items.Count / (double)workers);

    /// <summary>The work for one item: item 0 is the slow one; each returns its item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The item.</returns>
    public int Work(int item)
    {
        if (item == 0)
        {
            enough.Wait(Thresholds.Probes.GateTimeout);
            Volatile.Write(ref whileSlow, Volatile.Read(ref othersRun));
        }
        else if (Interlocked.Increment(ref othersRun) >= Expected)
        {
            enough.Set();
        }

        return item;
    }

    /// <summary>Fails the check unless the other workers kept taking items while item 0 was slow.</summary>
    /// <param name="call">The call that ran the items.</param>
    /// <param name="what">What an item is ("item", "task").</param>
    public void Require(string call, string what)
    {
        var seen = Volatile.Read(ref whileSlow);
        Feedback.Require(
            seen >= Expected,
            $"{call} kept its other workers waiting while one {what} was slow.",
            () => seen < 0 ? $"{what} 0 never ran" : $"{seen} of the other {Items.Count - 1} {what}s ran while {what} 0 was slow (it waited up to {Thresholds.Probes.GateTimeout.TotalSeconds:0} s for them)",
            $"at least {Expected}: {(workers == 2 ? "the other worker keeps" : $"the other {workers - 1} workers keep")} taking {what}s (a pool hands out the next one as a worker frees up; fixed shares leave at most {what} 0's share waiting)",
            seen <= 0 ? Hints.Sequential : Hints.WorkersWaitForTheBatch);
    }
}
