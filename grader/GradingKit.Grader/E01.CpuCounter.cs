using System.Globalization;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(ICpuCounter))]
[Exercise("E01")]
public sealed class E01_CpuCounter
{
    private readonly ICpuCounter counter = StudentCode.Create(StudentClass.CpuCounter);

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
        // Two counts, both other than this machine's: a hard-coded answer can match one of them by chance, not both.
        var random = Seed.ForThisCheck();
        var counts = Enumerable.Range(1, 63).Where(count => count != Environment.ProcessorCount).OrderBy(_ => random.Next()).Take(2).ToList();
        var answers = counts.Select(told => GraderProcess.Run(
            typeof(Program).Assembly.Location,
            new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = told.ToString(CultureInfo.InvariantCulture) },
            "processor-count")).ToList();

        Feedback.Require(
            answers.SequenceEqual(counts.Select(told => told.ToString(CultureInfo.InvariantCulture))),
            "ProcessorCount() did not follow the runtime's processor count in a process told DOTNET_PROCESSOR_COUNT.",
            () => string.Join(" and ", answers),
            string.Join(" and ", counts) + " (the counts the two processes were told)",
            Hints.HardCodedCpuCount);
    }
}
