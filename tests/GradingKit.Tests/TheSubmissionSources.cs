using GradingKit.Cli;

namespace GradingKit.Tests;

/// <summary>
/// What the grade command builds of a submission's folder: every .cs file, a name the build cannot take
/// copied under one it can (and said so), a link or an oversized file left out (and said so).
/// </summary>
[TestFixture]
public sealed class TheSubmissionSources
{
    [Test]
    public void Builds_a_file_whose_name_holds_a_space_or_an_accent_under_a_name_it_reports()
    {
        var folder = Kit.ScratchFolder("gradingkit-sources-");
        foreach (var name in new[] { "E02.ThreadPerTask.cs", "Dedicated Threads.cs", "a b.cs", "a_b.cs", "Übung.cs", "helpers and more/x.cs" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            File.WriteAllText(Path.Combine(folder, name), $"// {name}");
        }

        File.CreateSymbolicLink(Path.Combine(folder, "Linked.cs"), Path.Combine(folder, "a_b.cs"));

        using var sources = SubmissionSources.Take(folder);

        sources.Files.Order(StringComparer.Ordinal).ShouldBe(
            ["Dedicated_Threads.cs", "E02.ThreadPerTask.cs", "_bung.cs", "a_b-2.cs", "a_b.cs", "helpers_and_more/x.cs"], ignoreOrder: false);
        File.ReadAllText(Path.Combine(sources.Folder, "Dedicated_Threads.cs")).ShouldBe("// Dedicated Threads.cs");
        sources.Left.ShouldBe(
            ["Dedicated Threads.cs: built as Dedicated_Threads.cs", "Linked.cs: a link", "a b.cs: built as a_b-2.cs", "Übung.cs: built as _bung.cs", "helpers and more/x.cs: built as helpers_and_more/x.cs"],
            ignoreOrder: true);
    }
}
