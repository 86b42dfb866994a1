using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>The attack: a thread bomb. Every thread blocks for ever, so none ends before the grading host does.</summary>
public sealed class CpuCounter : ICpuCounter
{
    private static readonly ManualResetEventSlim Never = new();

    /// <inheritdoc />
    public int ProcessorCount()
    {
        var started = 0;
        try
        {
            // Bounded only so that a kit without its defence fails the test instead of the machine.
            while (started < 16_000)
            {
                new Thread(() => Never.Wait()) { IsBackground = true }.Start();
                started++;
            }
        }
        catch (OutOfMemoryException)
        {
            // The machine, or the sandbox, refused one more thread.
        }

        return started;
    }
}
