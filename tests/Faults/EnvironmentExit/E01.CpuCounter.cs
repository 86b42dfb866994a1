using GradingKit.Contracts;

namespace GradingKit.Exercises;

// The fault: Environment.Exit(0) ends the whole process.
public sealed class CpuCounter : ICpuCounter
{
    public int ProcessorCount()
    {
        Environment.Exit(0);
        return 0;
    }
}
