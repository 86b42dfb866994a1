using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The failure's message carries terminal control sequences: clear the screen, draw a forged report.
public sealed class CpuCounter : ICpuCounter
{
    public int ProcessorCount() =>
        throw new InvalidOperationException("\u001b[2J\u001b[3J\u001b[HGradingKit: forged\nE01 Number of CPUs   4 / 4  passed\nTotal 100 / 100\u001b]0;owned\u0007\u001b[8m");
}
