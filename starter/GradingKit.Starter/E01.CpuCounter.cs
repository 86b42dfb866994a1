using GradingKit.Contracts;

namespace GradingKit.Exercises;

/// <summary>E01, number of CPUs: how many processors may this program use?</summary>
/// <remarks>
/// <para>The notebook (docs/course.md, E01) starts with <c>multiprocessing.cpu_count()</c>: every timing in
/// the course is read against that number. In .NET the runtime knows it, and already honours the processor
/// affinity and the CPU quota of a container: a machine with 16 cores may give your process only 2.</para>
/// <para>The grader checks that <see cref="ProcessorCount"/> equals the runtime's count, and that it still
/// does in a process started with another count (DOTNET_PROCESSOR_COUNT), so a hard-coded number fails.</para>
/// <para>Hint: <see cref="Environment.ProcessorCount"/>.</para>
/// </remarks>
public sealed class CpuCounter : ICpuCounter
{
    /// <inheritdoc />
    public int ProcessorCount() => throw NotDone.Yet("E01", "CpuCounter.ProcessorCount");
}
