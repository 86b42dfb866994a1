using GradingKit.Contracts;
using GradingKit.Grading.Measuring;

namespace GradingKit.Grading.Probes;

/// <summary>
/// The grader's shared array for E10: it stores what is written, counts the writes per slot,
/// and runs every write through a <see cref="ConcurrencyProbe"/> to see how many writers work at once.
/// </summary>
public sealed class RecordingSharedArray : ISharedArray
{
    private readonly int[] values;
    private readonly int[] writes;
    private readonly ConcurrencyProbe probe;
    private readonly int probedWrites;
    private readonly TimeSpan writeDelay;
    private int writeCount;

    /// <summary>An array of <paramref name="length"/> slots, all -1, that expects <paramref name="writers"/> writers at once.</summary>
    /// <param name="length">The number of slots.</param>
    /// <param name="writers">How many writers must be seen at once.</param>
    /// <param name="probedWrites">How many of the first writes pass through the probe (they are slow; the rest are not).</param>
    /// <param name="writeDelay">How long every write waits, as a slow shared resource would (zero: none).</param>
    public RecordingSharedArray(int length, int writers, int probedWrites, TimeSpan writeDelay = default)
    {
        this.writeDelay = writeDelay;
        values = Enumerable.Repeat(-1, length).ToArray();
        writes = new int[length];
        probe = new ConcurrencyProbe(writers);
        this.probedWrites = probedWrites;
    }

    /// <inheritdoc />
    public int Length => values.Length;

    /// <summary>The concurrency seen among the probed writes.</summary>
    public ConcurrencyProbe Probe => probe;

    /// <summary>How often each slot was written.</summary>
    public IReadOnlyList<int> WritesPerSlot => writes;

    /// <summary>What each slot holds.</summary>
    public IReadOnlyList<int> Values => values;

    /// <inheritdoc />
    public int this[int index]
    {
        get => values[index];
        set
        {
            if (writeDelay > TimeSpan.Zero)
            {
                TimelineRecorder.Wait(writeDelay);
            }

            if (Interlocked.Increment(ref writeCount) <= probedWrites)
            {
                probe.Run(() => Store(index, value));
            }
            else
            {
                Store(index, value);
            }
        }
    }

    private void Store(int index, int value)
    {
        Interlocked.Increment(ref writes[index]);
        Volatile.Write(ref values[index], value);
    }
}
