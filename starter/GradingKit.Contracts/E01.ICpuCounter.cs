namespace GradingKit.Contracts;

/// <summary>E01, "number of CPUs": how many processors this process may use.</summary>
public interface ICpuCounter
{
    /// <summary>The number of processors available to the current process.</summary>
    /// <returns>The processor count as the runtime sees it, honouring affinity and container limits.</returns>
    int ProcessorCount();
}
