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

    private static IEnumerable<string> Texts(string folder) => Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllText);

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
    public void The_numbers_command_writes_the_notebooks_files_as_the_generator_does()
    {
        var folder = Path.Combine(directory, "cli");

        var written = GradeCommandRun.Run(["numbers", "--out", folder]);
        var crlf = GradeCommandRun.Run(["numbers", "--out", Path.Combine(directory, "crlf"), "--files", "3", "--per-file", "50", "--seed", "42", "--crlf"]);

        written.ExitCode.ShouldBe(0, written.ToString());
        written.Output.ShouldContain($"Wrote 20 files of 1,000 numbers from 0 to 99, one a line (\\n line endings, seed 1), to {folder}: numbers-000.txt to numbers-019.txt.");
        Texts(folder).ShouldBe(NumberFiles.Write(Path.Combine(directory, "notebook"), 20, 1000, 0, 100, seed: 1).Paths.Select(File.ReadAllText));
        crlf.ExitCode.ShouldBe(0, crlf.ToString());
        Texts(Path.Combine(directory, "crlf")).ShouldBe(NumberFiles.Write(Path.Combine(directory, "expected-crlf"), 3, 50, 0, 100, seed: 42, "\r\n").Paths.Select(File.ReadAllText));
    }

    [Test]
    public void The_numbers_command_replaces_earlier_number_files_and_leaves_a_folder_with_other_files_alone()
    {
        var folder = Path.Combine(directory, "numbers");
        GradeCommandRun.Run(["numbers", "--out", folder, "--files", "5"]).ExitCode.ShouldBe(0);

        var again = GradeCommandRun.Run(["numbers", "--out", folder, "--files", "2"]);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        var refused = GradeCommandRun.Run(["numbers", "--out", folder]);
        var noFiles = GradeCommandRun.Run(["numbers", "--out", Path.Combine(directory, "none"), "--files", "0"]);
        var missing = GradeCommandRun.Run(["numbers"]);

        again.ExitCode.ShouldBe(0, again.ToString());
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["notes.txt", "numbers-000.txt", "numbers-001.txt"]);
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain("holds other files than earlier number files (for example notes.txt)");
        File.ReadAllText(Path.Combine(folder, "notes.txt")).ShouldBe("mine");
        noFiles.ExitCode.ShouldBe(2, noFiles.ToString());
        noFiles.Error.ShouldContain("--files 0: write at least one file.");
        missing.ExitCode.ShouldBe(2, missing.ToString());
        missing.Error.ShouldContain("--out is missing");
    }

    [Test]
    public void Writes_an_empty_file_for_no_numbers()
    {
        var set = NumberFiles.Write(directory, 1, 0, 0, 100, seed: 1);

        File.ReadAllText(set.Paths[0]).ShouldBeEmpty();
        set.Counts.ShouldBeEmpty();
    }
}
