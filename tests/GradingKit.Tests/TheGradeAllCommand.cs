using System.Globalization;
using System.Text.Json;
using CsvHelper;
using GradingKit.Cli;

namespace GradingKit.Tests;

/// <summary>
/// The grade-all command, run as an instructor runs it on a folder of five submissions, graded one
/// after another in this order: ada (the reference, a project folder), bob (does not compile),
/// cyd (the starter, a student repository one folder down), dan (no project at all) and eve (two
/// projects, neither of them a student repository's).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TheGradeAllCommand
{
    private static readonly string[] Selected = ["E01", "E07"];

    private DirectoryInfo batch = null!;
    private ProcessResult graded = null!;
    private Dictionary<string, Dictionary<string, string>> rows = null!;
    private List<string> header = null!;

    private string Gradebook => batch.FullName + "-gradebook";

    [OneTimeSetUp]
    public void GradeTheBatch()
    {
        batch = Directory.CreateTempSubdirectory("gradingkit-class-");
        var sources = Directory.CreateTempSubdirectory("gradingkit-class-sources-");
        try
        {
            Submissions.BuildFrom(sources.CreateSubdirectory("ada").FullName, Path.Combine(batch.FullName, "ada"));
            var broken = sources.CreateSubdirectory("bob");
            File.WriteAllText(Path.Combine(broken.FullName, "E07.ResultMerger.cs"), """
                namespace GradingKit.Exercises;

                public sealed class ResultMerger : GradingKit.Contracts.IResultMerger
                {
                    public double SumResults(int taskCount, Func<int, double> task) => total;
                }
                """);
            Submissions.BuildFrom(broken.FullName, Path.Combine(batch.FullName, "bob"));
        }
        finally
        {
            sources.Delete(recursive: true);
        }

        var repository = Path.Combine(batch.FullName, "cyd", "parallel-cyd");
        Directory.CreateDirectory(repository);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            File.Copy(Path.Combine(Kit.Root, file), Path.Combine(repository, file));
        }

        CopySources(Path.Combine(Kit.Root, "starter", "GradingKit.Starter"), Path.Combine(repository, "starter", "GradingKit.Starter"));
        CopySources(Path.Combine(Kit.Root, "starter", "GradingKit.Contracts"), Path.Combine(repository, "starter", "GradingKit.Contracts"));
        File.WriteAllText(Path.Combine(batch.CreateSubdirectory("dan").FullName, "README.md"), "I forgot to hand in my code.");
        var eve = batch.CreateSubdirectory("eve");
        File.WriteAllText(Path.Combine(eve.CreateSubdirectory("Attempt1").FullName, "Attempt1.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(eve.CreateSubdirectory("Attempt2").FullName, "Attempt2.csproj"), "<Project />");

        graded = GradeCommandRun.Run(["grade-all", "--submissions", batch.FullName, "-e", Selected[0], "-e", Selected[1]]);

        using var reader = new CsvReader(new StreamReader(Path.Combine(Gradebook, "gradebook.csv")), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        header = reader.HeaderRecord!.ToList();
        rows = [];
        while (reader.Read())
        {
            rows[reader.GetField("student")!] = header.ToDictionary(column => column, column => reader.GetField(column)!);
        }
    }

    [OneTimeTearDown]
    public void DeleteTheBatch()
    {
        batch.Delete(recursive: true);
        if (Directory.Exists(Gradebook))
        {
            Directory.Delete(Gradebook, recursive: true);
        }
    }

    [Test]
    public void Grades_again_only_the_incomplete_rows_and_keeps_the_others()
    {
        var again = Directory.CreateTempSubdirectory("gradingkit-class-again-");
        try
        {
            // ada's row as a busy machine would have left it; bob's with a reason that only a kept row would carry.
            var lines = File.ReadAllLines(Path.Combine(Gradebook, "gradebook.csv"));
            var edited = lines.Select(line =>
                line.StartsWith("ada,", StringComparison.Ordinal) ? $"ada,0,0,0,{rows["ada"]["possible"]},incomplete,\"undecided, not awarded: E07 Sums\""
                : line.StartsWith("bob,", StringComparison.Ordinal) ? $"bob,,,0,{rows["bob"]["possible"]},error,kept as it was"
                : line);
            File.WriteAllLines(Path.Combine(again.FullName, "gradebook.csv"), edited);

            var regraded = GradeCommandRun.Run(["grade-all", "--submissions", batch.FullName, "--out", again.FullName, "--incomplete-only", "-e", Selected[0], "-e", Selected[1]]);

            regraded.ExitCode.ShouldBe(0, regraded.ToString());
            regraded.Output.ShouldContain("[1/1] ada", Case.Sensitive, regraded.ToString());
            var after = File.ReadAllLines(Path.Combine(again.FullName, "gradebook.csv"));
            after.Length.ShouldBe(lines.Length, regraded.ToString());
            after.Single(line => line.StartsWith("bob,", StringComparison.Ordinal)).ShouldEndWith("error,kept as it was");
            after.Single(line => line.StartsWith("ada,", StringComparison.Ordinal)).ShouldBe(lines.Single(line => line.StartsWith("ada,", StringComparison.Ordinal)), regraded.ToString());
        }
        finally
        {
            again.Delete(recursive: true);
        }
    }

    [Test]
    public void Refuses_to_complete_a_gradebook_that_is_not_there()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), $"gradingkit-no-gradebook-{Guid.NewGuid():N}");
        var refused = GradeCommandRun.Run(["grade-all", "--submissions", batch.FullName, "--out", nowhere, "--incomplete-only", "-e", Selected[0]]);

        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain("no gradebook to complete");
    }

    [Test]
    public void Runs_the_batch_to_the_end_and_exits_with_0()
    {
        graded.ExitCode.ShouldBe(0, graded.ToString());
        header.ShouldBe(["student", "E01", "E07", "total", "possible", "status", "reason"]);
        rows.Keys.ShouldBe(["ada", "bob", "cyd", "dan", "eve"], ignoreOrder: false, graded.ToString());
    }

    [Test]
    public void Gives_the_reference_full_points_on_the_selected_exercises()
    {
        var ada = rows["ada"];
        ada["status"].ShouldBe("graded", graded.ToString());
        var points = Manifest.Load(Kit.ManifestPath).Exercises.Where(e => Selected.Contains(e.Id)).ToDictionary(e => e.Id, e => e.Points);
        foreach (var (id, possible) in points)
        {
            double.Parse(ada[id], CultureInfo.InvariantCulture).ShouldBe(possible, id);
        }

        double.Parse(ada["total"], CultureInfo.InvariantCulture).ShouldBe(points.Values.Sum());
        double.Parse(ada["possible"], CultureInfo.InvariantCulture).ShouldBe(points.Values.Sum());
    }

    [Test]
    public void Grades_a_submission_that_does_not_compile_right_after_the_reference_as_an_error_not_as_the_reference()
    {
        var bob = rows["bob"];
        bob["status"].ShouldBe("error", graded.ToString());
        bob["total"].ShouldBe("0");
        bob["E07"].ShouldBeEmpty();
        bob["reason"].ShouldStartWith("did not build: E07.ResultMerger.cs(5,");
        bob["reason"].ShouldContain("error CS0103: The name 'total' does not exist in the current context");
    }

    [Test]
    public void Gives_the_starter_in_a_student_repository_no_points_and_the_status_graded()
    {
        var cyd = rows["cyd"];
        cyd["status"].ShouldBe("graded", graded.ToString());
        cyd["E01"].ShouldBe("0");
        cyd["E07"].ShouldBe("0");
        cyd["total"].ShouldBe("0");
        cyd["reason"].ShouldBeEmpty();
    }

    [Test]
    public void Records_a_folder_without_a_project_as_an_error_and_goes_on()
    {
        rows["dan"]["status"].ShouldBe("error");
        rows["dan"]["reason"].ShouldStartWith("no project:");
    }

    [Test]
    public void Records_a_folder_with_two_projects_as_an_error_naming_both()
    {
        rows["eve"]["status"].ShouldBe("error");
        rows["eve"]["reason"].ShouldContain("several projects");
        rows["eve"]["reason"].ShouldContain(Path.Combine("Attempt1", "Attempt1.csproj"));
        rows["eve"]["reason"].ShouldContain(Path.Combine("Attempt2", "Attempt2.csproj"));
    }

    [Test]
    public void Writes_each_students_results_and_score_table_beside_the_gradebook()
    {
        foreach (var (student, status, earned) in new[] { ("ada", "graded", 12), ("bob", "error", 0), ("cyd", "graded", 0), ("dan", "error", 0), ("eve", "error", 0) })
        {
            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Gradebook, student, "report.json"))).RootElement;
            json.GetProperty("implementation").GetString().ShouldBe(student);
            json.GetProperty("status").GetString().ShouldBe(status);
            json.GetProperty("earned").GetDouble().ShouldBe(earned);
            json.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ShouldBe(Selected);
        }

        File.ReadAllText(Path.Combine(Gradebook, "ada", "report.txt")).ShouldContain($"GradingKit: ada, P = {Environment.ProcessorCount}");
        File.ReadAllText(Path.Combine(Gradebook, "bob", "report.txt")).ShouldContain("The submission did not build");
        File.ReadAllText(Path.Combine(Gradebook, "dan", "report.txt")).ShouldStartWith("dan: the submission was not graded: no project:");
    }

    [Test]
    public void Shows_progress_and_ends_with_the_summary_and_where_the_files_are()
    {
        graded.Output.ShouldContain("[1/5] ada");
        graded.Output.ShouldContain("[5/5] eve");
        graded.Output.ShouldContain("elapsed");
        graded.Output.ShouldContain("GradingKit: the gradebook");
        graded.Output.ShouldContain(Path.Combine(Gradebook, "gradebook.csv"));
    }

    [Test]
    public void Refuses_a_folder_that_does_not_exist()
    {
        var refused = GradeCommandRun.Run(["grade-all", "--submissions", Path.Combine(batch.FullName, "no-such-folder")]);

        refused.ExitCode.ShouldBe(2);
        refused.Error.ShouldContain("no such folder");
    }

    [Test]
    public void Refuses_a_folder_without_submission_folders()
    {
        var empty = Directory.CreateTempSubdirectory("gradingkit-empty-class-");
        try
        {
            var refused = GradeCommandRun.Run(["grade-all", "--submissions", empty.FullName]);

            refused.ExitCode.ShouldBe(2);
            refused.Error.ShouldContain("holds no submission folders");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Test]
    public void Reads_back_every_status_it_writes_and_the_JSON_report_writes_the_same_words()
    {
        var json = new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };
        foreach (var status in Enum.GetValues<GradeStatus>())
        {
            GradeStatuses.Parse(status.Text()).ShouldBe(status);
            JsonSerializer.Serialize(status, json).ShouldBe($"\"{status.Text()}\"");
        }

        GradeStatuses.Parse("passed").ShouldBeNull();
        Enum.GetValues<GradeStatus>().Select(s => s.Text()).ShouldBe(["graded", "incomplete", "error", "integrity", "not graded"]);
    }

    /// <summary>Copies a project's sources, without what a build left in bin and obj.</summary>
    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(from, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
