using System.Globalization;

namespace GradingKit.Tests;

[TestFixture]
public sealed class TheNumberFiles
{
    private string directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("gradingkit-numbers-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Writes_the_notebooks_twenty_files_of_a_thousand_numbers_below_100()
    {
        var set = NumberFiles.Write(directory, 20, 1000, 0, 100, seed: 7);

        set.Paths.Count.ShouldBe(20);
        var numbers = set.Paths.SelectMany(File.ReadLines).Select(line => int.Parse(line, CultureInfo.InvariantCulture)).ToList();
        numbers.Count.ShouldBe(20_000);
        numbers.ShouldAllBe(n => n >= 0 && n < 100);
        set.Counts.ShouldBe(numbers.CountBy(n => n).ToDictionary(p => p.Key, p => (long)p.Value), ignoreOrder: true);
    }

    [Test]
    public void Writes_the_same_files_for_the_same_seed()
    {
        var first = NumberFiles.Write(Path.Combine(directory, "a"), 3, 50, -10, 10, seed: 42);
        var second = NumberFiles.Write(Path.Combine(directory, "b"), 3, 50, -10, 10, seed: 42);

        first.Paths.Select(File.ReadAllText).ShouldBe(second.Paths.Select(File.ReadAllText));
    }

    [TestCase("\n", true)]
    [TestCase("\r\n", true)]
    [TestCase("\r\n", false)]
    [TestCase("\n", false)]
    public void Ends_lines_as_asked(string lineEnding, bool trailing)
    {
        var text = File.ReadAllText(NumberFiles.Write(directory, 1, 3, 0, 100, seed: 1, lineEnding, trailing).Paths[0]);

        text.Split(lineEnding).Length.ShouldBe(trailing ? 4 : 3);
        text.EndsWith(lineEnding, StringComparison.Ordinal).ShouldBe(trailing);
        text.Replace(lineEnding, string.Empty, StringComparison.Ordinal).ShouldAllBe(c => char.IsAsciiDigit(c));
    }

    [Test]
    public void Writes_an_empty_file_for_no_numbers()
    {
        var set = NumberFiles.Write(directory, 1, 0, 0, 100, seed: 1);

        File.ReadAllText(set.Paths[0]).ShouldBeEmpty();
        set.Counts.ShouldBeEmpty();
    }
}
