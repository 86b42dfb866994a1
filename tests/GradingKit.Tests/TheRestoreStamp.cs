using GradingKit.Cli;

namespace GradingKit.Tests;

/// <summary>
/// The grade command skips the restore only while the kit's build files are those it last restored for
/// (<see cref="RestoreStamp"/>): a changed project, props or NuGet file, or a stamp never written, restores.
/// </summary>
[TestFixture]
public sealed class TheRestoreStamp
{
    private DirectoryInfo kit = null!;

    [SetUp]
    public void LayAKit()
    {
        kit = Directory.CreateTempSubdirectory("gradingkit-restore-stamp-");
        Directory.CreateDirectory(Path.Combine(kit.FullName, "grader", "GradingKit.Grader", "obj"));
        File.WriteAllText(Path.Combine(kit.FullName, "grader", "GradingKit.Grader", "GradingKit.Grader.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(kit.FullName, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(kit.FullName, "README.md"), "# kit");
    }

    [TearDown]
    public void DeleteTheKit() => kit.Delete(recursive: true);

    [Test]
    public void Is_current_only_after_a_restore_for_the_same_build_files()
    {
        new RestoreStamp(kit.FullName).IsCurrent().ShouldBeFalse("no build has restored yet");
        new RestoreStamp(kit.FullName).Write();
        new RestoreStamp(kit.FullName).IsCurrent().ShouldBeTrue();

        File.WriteAllText(Path.Combine(kit.FullName, "README.md"), "# the kit, reworded");
        File.WriteAllText(Path.Combine(kit.FullName, "grader", "GradingKit.Grader", "obj", "project.assets.json"), "{}");
        new RestoreStamp(kit.FullName).IsCurrent().ShouldBeTrue("neither a README nor the build's own output is read by restore");
    }

    [TestCase("Directory.Packages.props")]
    [TestCase("grader/GradingKit.Grader/GradingKit.Grader.csproj")]
    [TestCase("NuGet.Config")]
    [TestCase("global.json")]
    [TestCase("starter/ApiPolicy/ApiPolicy.targets")]
    public void Is_stale_once_a_file_that_restore_reads_changes(string file)
    {
        new RestoreStamp(kit.FullName).Write();

        var path = Path.Combine(kit.FullName, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "<Project><!-- changed --></Project>");

        new RestoreStamp(kit.FullName).IsCurrent().ShouldBeFalse($"{file} changed since the restore");
    }

    [Test]
    public void Follows_no_linked_folder_so_a_loop_in_a_repository_cannot_hang_it()
    {
        Directory.CreateSymbolicLink(Path.Combine(kit.FullName, "loop"), kit.FullName);
        var shared = Directory.CreateTempSubdirectory("gradingkit-restore-stamp-shared-");
        try
        {
            var props = Path.Combine(shared.FullName, "shared.props");
            File.WriteAllText(props, "<Project />");
            File.CreateSymbolicLink(Path.Combine(kit.FullName, "Directory.Build.props"), props);
            new RestoreStamp(kit.FullName).Write();
            new RestoreStamp(kit.FullName).IsCurrent().ShouldBeTrue();

            File.WriteAllText(props, "<Project><!-- changed --></Project>");

            new RestoreStamp(kit.FullName).IsCurrent().ShouldBeFalse("a linked props file is read through its link");
        }
        finally
        {
            shared.Delete(recursive: true);
        }
    }
}
