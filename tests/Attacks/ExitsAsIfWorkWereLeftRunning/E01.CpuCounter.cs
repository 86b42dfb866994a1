using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class CpuCounter : ICpuCounter
{
    public int ProcessorCount() => Environment.ProcessorCount;
}
