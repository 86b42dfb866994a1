using System.Globalization;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(CpuCounter))]
[Category("E01")]
public sealed class E01_CpuCounter
{
    private readonly CpuCounter counter = StudentCode.Create<CpuCounter>();

    [Test]
    public void Returns_the_processor_count_of_this_process()
    {
        var measured = StudentCode.Call("CpuCounter.ProcessorCount()", counter.ProcessorCount);

        Feedback.Require(
            measured == Environment.ProcessorCount,
            "ProcessorCount() is not the processor count of this process.",
            () => $"{measured}",
            $"{Environment.ProcessorCount} (Environment.ProcessorCount)",
            Hints.HardCodedCpuCount);
    }

    [Test]
    public void Follows_the_runtime_when_it_is_told_another_count()
    {
        var random = Seed.ForThisCheck();
        var told = random.Next(1, 64);
        if (told == Environment.ProcessorCount)
        {
            told++;
        }

        var answer = GraderProcess.Run(
            typeof(Program).Assembly.Location,
            new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = told.ToString(CultureInfo.InvariantCulture) },
            "processor-count");

        Feedback.Require(
            answer == told.ToString(CultureInfo.InvariantCulture),
            "ProcessorCount() did not follow the runtime's processor count in a process told DOTNET_PROCESSOR_COUNT.",
            () => answer,
            $"{told}",
            Hints.HardCodedCpuCount);
    }
}
