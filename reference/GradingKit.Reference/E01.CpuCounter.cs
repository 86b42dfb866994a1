using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class CpuCounter : ICpuCounter
{
    // Honours affinity, container quotas and DOTNET_PROCESSOR_COUNT.
    public int ProcessorCount() => Environment.ProcessorCount;
}
