using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using GradingKit.Cli;

namespace GradingKit.Tests;

/// <summary>
/// A class of six graded in three shards, as the class workflow's matrix grades it, and merged; and
/// the same class graded by one grade-all. The names fall two to a shard: fay and pam in shard 1, cyd
/// and dan in 2, ada and bob in 3. ada is the reference (correct), bob hard-codes the CPU count (E01
/// wrong), cyd does not compile, dan holds no project, fay is the starter in a student repository,
/// pam computes the "iterative" Fibonacci by recursion (E11 wrong). E01 and E11 have no timing
/// checks, so both gradings must agree exactly.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GradingAClassInShards
{
    private const int Shards = 3;

    private static readonly string[] Selected = ["-e", "E01", "-e", "E11"];

    private static readonly string[] Class = ["ada", "bob", "cyd", "dan", "fay", "pam"];

    private string root = null!;
    private string submissions = null!;
    private string whole = null!;
    private string parts = null!;
    private string merged = null!;
    private ProcessResult merging = null!;
    private readonly List<ProcessResult> shards = [];

    [OneTimeSetUp]
    public void GradeTheClassWholeAndInShards()
    {
        root = Directory.CreateTempSubdirectory("gradingkit-shards-").FullName;
        submissions = Path.Combine(root, "class");
        whole = Path.Combine(root, "whole");
        parts = Path.Combine(root, "parts");
        merged = Path.Combine(root, "merged");
        WriteTheClass();

        var graded = GradeCommandRun.Run(["grade-all", "--submissions", submissions, "--out", whole, .. Selected]);
        graded.ExitCode.ShouldBe(0, graded.ToString());
        foreach (var shard in Enumerable.Range(1, Shards))
        {
            var part = GradeCommandRun.Run(["grade-all", "--submissions", submissions, "--shard", $"{shard}/{Shards}", "--out", Path.Combine(parts, $"part-{shard}"), .. Selected]);
            part.ExitCode.ShouldBe(0, part.ToString());
            shards.Add(part);
        }

        merging = Merge(merged);
    }

    [OneTimeTearDown]
    public void DeleteTheClass() => Directory.Delete(root, recursive: true);

    [Test]
    public void Merges_three_shards_into_the_points_and_statuses_of_one_grade_all()
    {
        merging.ExitCode.ShouldBe(0, merging.ToString());
        var one = Read(Path.Combine(whole, "gradebook.csv"));
        var three = Read(Path.Combine(merged, "gradebook.csv"));

        three.Keys.ShouldBe(Class, ignoreOrder: false, merging.ToString());
        foreach (var student in Class)
        {
            Line(three[student]).ShouldBe(Line(one[student]), student);
        }

        // The class holds every kind of submission, so agreeing is not agreeing on nothing.
        one["ada"]["status"].ShouldBe("graded");
        one["ada"]["total"].ShouldBe(one["ada"]["possible"]);
        one["bob"]["E01"].ShouldBe("0");
        one["bob"]["E11"].ShouldBe(one["ada"]["E11"]);
        one["cyd"]["status"].ShouldBe("error");
        one["cyd"]["reason"].ShouldStartWith("did not build:");
        one["dan"]["status"].ShouldBe("error");
        one["dan"]["reason"].ShouldStartWith("no project:");
        one["fay"]["total"].ShouldBe("0");
        double.Parse(one["pam"]["E11"], CultureInfo.InvariantCulture).ShouldBeLessThan(double.Parse(one["ada"]["E11"], CultureInfo.InvariantCulture));
    }

    [Test]
    public void Each_shard_grades_only_its_students_two_each_and_records_the_whole_class()
    {
        var expected = new Dictionary<int, string[]> { [1] = ["fay", "pam"], [2] = ["cyd", "dan"], [3] = ["ada", "bob"] };
        foreach (var shard in Enumerable.Range(1, Shards))
        {
            var folder = Path.Combine(parts, $"part-{shard}");
            var part = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "shard.json")))!;
            part["shard"]!.GetValue<int>().ShouldBe(shard);
            part["shards"]!.GetValue<int>().ShouldBe(Shards);
            part["finished"]!.GetValue<bool>().ShouldBeTrue();
            part["sandbox"]!.GetValue<string>().ShouldBe(Sandbox.Description);
            shards[shard - 1].Output.Replace("\n", string.Empty, StringComparison.Ordinal).ShouldContain($"Grading hosts: {Sandbox.Description}", Case.Sensitive); // the console wraps long lines
            part["roster"]!.AsArray().Select(name => name!.GetValue<string>()).ShouldBe(Class);
            part["students"]!.AsArray().Select(name => name!.GetValue<string>()).ShouldBe(expected[shard]);
            Read(Path.Combine(folder, "gradebook.csv")).Keys.ShouldBe(expected[shard], ignoreOrder: false, shards[shard - 1].ToString());
            shards[shard - 1].Output.ShouldContain($"Shard {shard}/{Shards}: 2 of the class's 6 submission(s)", Case.Sensitive);
        }
    }

    [Test]
    public void Writes_one_summary_and_every_students_reports()
    {
        var summary = File.ReadAllText(Path.Combine(merged, "summary.md"));
        summary.ShouldContain("6 students from 3 of 3 shard(s)");
        summary.ShouldContain("| ada |");
        summary.ShouldContain($"Grading hosts: {Sandbox.Description}.");
        merging.Output.ShouldContain("GradingKit: the gradebook");
        foreach (var student in Class)
        {
            File.Exists(Path.Combine(merged, student, "report.txt")).ShouldBeTrue(student);
            File.Exists(Path.Combine(merged, student, "report.json")).ShouldBeTrue(student);
        }
    }

    [Test]
    public void Marks_the_students_of_a_shard_that_left_no_part_not_graded()
    {
        var survivors = Path.Combine(root, "survivors");
        CopyFolder(Path.Combine(parts, "part-1"), Path.Combine(survivors, "part-1"));
        CopyFolder(Path.Combine(parts, "part-3"), Path.Combine(survivors, "part-3"));
        var output = Path.Combine(root, "merged-without-2");

        var result = Merge(output, survivors);

        result.ExitCode.ShouldBe(0, result.ToString());
        var rows = Read(Path.Combine(output, "gradebook.csv"));
        rows.Keys.ShouldBe(Class, ignoreOrder: false);
        foreach (var student in new[] { "cyd", "dan" })
        {
            rows[student]["status"].ShouldBe("not graded");
            rows[student]["total"].ShouldBe("0");
            rows[student]["E01"].ShouldBeEmpty();
            rows[student]["reason"].ShouldStartWith("shard 2/3 left no part");
            rows[student]["reason"].ShouldContain("grade-all --shard 2/3");
        }

        Line(rows["ada"]).ShouldBe(Line(Read(Path.Combine(merged, "gradebook.csv"))["ada"]));
        result.Output.ShouldContain("2 student(s) not graded");
    }

    [Test]
    public void Names_the_shards_whose_grading_hosts_ran_without_the_sandbox()
    {
        var mixed = Path.Combine(root, "unsandboxed-parts");
        CopyFolder(parts, mixed);
        Edit(Path.Combine(mixed, "part-2"), description => description["sandbox"] = "not sandboxed: unshare could not make the namespaces");
        var output = Path.Combine(root, "unsandboxed-merged");

        var merged = Merge(output, mixed);

        merged.ExitCode.ShouldBe(0, merged.ToString());
        File.ReadAllText(Path.Combine(output, "summary.md"))
            .ShouldContain($"Grading hosts: shard 1, 3: {Sandbox.Description}; shard 2: not sandboxed: unshare could not make the namespaces.");
    }

    [Test]
    public void Marks_the_students_a_dying_shard_did_not_reach_not_graded()
    {
        var died = Path.Combine(root, "died");
        CopyFolder(parts, died);
        var part = Path.Combine(died, "part-3");
        Edit(part, description => description["finished"] = false);
        File.WriteAllLines(Path.Combine(part, "gradebook.csv"), File.ReadAllLines(Path.Combine(part, "gradebook.csv")).Where(line => !line.StartsWith("bob,", StringComparison.Ordinal)));
        var output = Path.Combine(root, "merged-died");

        var result = Merge(output, died);

        result.ExitCode.ShouldBe(0, result.ToString());
        var rows = Read(Path.Combine(output, "gradebook.csv"));
        rows["bob"]["status"].ShouldBe("not graded");
        rows["bob"]["reason"].ShouldStartWith("shard 3/3 ended before grading this student");
        rows["ada"]["status"].ShouldBe("graded");
        File.ReadAllText(Path.Combine(output, "bob", "report.txt")).ShouldStartWith("bob: the submission was not graded: shard 3/3 ended");
    }

    [TestCase("manifest", "manifests (the SHA-256 of assignments.json)")]
    [TestCase("kit", "kits (the SHA-256 of the grader's sources)")]
    public void Refuses_parts_graded_with_different_kits_or_manifests_and_names_them(string field, string what)
    {
        var mixed = Path.Combine(root, $"mixed-{field}");
        CopyFolder(parts, mixed);
        Edit(Path.Combine(mixed, "part-2"), description => description[field] = new string('0', 64));

        var result = Merge(Path.Combine(root, $"merged-mixed-{field}"), mixed);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain($"the parts were graded with different {what}: part-1, part-3 with ");
        result.Error.ShouldContain("; part-2 with 000000000000;");
        Directory.Exists(Path.Combine(root, $"merged-mixed-{field}")).ShouldBeFalse();
    }

    [Test]
    public void Refuses_parts_graded_with_another_manifest_than_the_workflow_expects()
    {
        var result = GradeCommandRun.Run(["merge", "--parts", parts, "--out", Path.Combine(root, "merged-other"), "--manifest-sha256", new string('1', 64)]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("part part-1 was graded with the manifest");
        result.Error.ShouldContain("not the expected 111111111111");
    }

    [Test]
    public void Refuses_a_shard_given_twice_naming_both_parts()
    {
        var twice = Path.Combine(root, "twice");
        CopyFolder(parts, twice);
        CopyFolder(Path.Combine(parts, "part-1"), Path.Combine(twice, "part-1-again"));

        var result = Merge(Path.Combine(root, "merged-twice"), twice);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("shard 1/3 is given twice: parts part-1, part-1-again");
    }

    [Test]
    public void Refuses_a_student_graded_twice_or_in_another_shard_naming_them()
    {
        var twice = Path.Combine(root, "student-twice");
        CopyFolder(parts, twice);
        var gradebook = Path.Combine(twice, "part-3", "gradebook.csv");
        File.AppendAllLines(gradebook, File.ReadAllLines(gradebook).Where(line => line.StartsWith("ada,", StringComparison.Ordinal)));
        var stray = Path.Combine(root, "student-stray");
        CopyFolder(parts, stray);
        File.AppendAllLines(Path.Combine(stray, "part-1", "gradebook.csv"), File.ReadAllLines(gradebook).Where(line => line.StartsWith("bob,", StringComparison.Ordinal)));

        var graded = Merge(Path.Combine(root, "merged-student-twice"), twice);
        var misplaced = Merge(Path.Combine(root, "merged-student-stray"), stray);

        graded.ExitCode.ShouldBe(2, graded.ToString());
        graded.Error.ShouldContain("students graded twice: ada (parts part-3, part-3)");
        misplaced.ExitCode.ShouldBe(2, misplaced.ToString());
        misplaced.Error.ShouldContain("rows for students not of their part's shard or class: bob (part part-1)");
    }

    [Test]
    public void Refuses_parts_split_from_different_classes_naming_who_is_missing()
    {
        var other = Path.Combine(root, "other-class");
        CopyFolder(parts, other);
        Edit(Path.Combine(other, "part-1"), description => description["roster"] = new JsonArray("ada", "bob", "cyd", "fay", "pam"));

        var result = Merge(Path.Combine(root, "merged-other-class"), other);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("the parts were split from different classes: part part-1's class lacks dan");
    }

    [Test]
    public void Refuses_a_shard_that_is_not_I_of_N()
    {
        foreach (var shard in new[] { "0/3", "4/3", "3", "a/3" })
        {
            var refused = GradeCommandRun.Run(["grade-all", "--submissions", submissions, "--shard", shard, "--out", Path.Combine(root, "never"), .. Selected]);

            refused.ExitCode.ShouldBe(2, refused.ToString());
            refused.Error.ShouldContain($"--shard {shard}: write the shard as I/N, 1 ≤ I ≤ N");
        }

        Directory.Exists(Path.Combine(root, "never")).ShouldBeFalse();
    }

    private ProcessResult Merge(string output, string? from = null) =>
        GradeCommandRun.Run(["merge", "--parts", from ?? parts, "--out", output]);

    private void WriteTheClass()
    {
        var differences = Directory.CreateTempSubdirectory("gradingkit-shards-sources-");
        try
        {
            Submissions.BuildFrom(Path.Combine(Submissions.Folder, "Wrong.HardCodedCpuCount"), Path.Combine(submissions, "bob"));
            Submissions.BuildFrom(Path.Combine(Submissions.Folder, "Wrong.RecursiveIterative"), Path.Combine(submissions, "pam"));
            Submissions.BuildFrom(differences.CreateSubdirectory("ada").FullName, Path.Combine(submissions, "ada"));
            var broken = differences.CreateSubdirectory("cyd");
            File.WriteAllText(Path.Combine(broken.FullName, "E01.CpuCounter.cs"), """
                namespace GradingKit.Exercises;

                public sealed class CpuCounter : GradingKit.Contracts.ICpuCounter
                {
                    public int ProcessorCount() => count;
                }
                """);
            Submissions.BuildFrom(broken.FullName, Path.Combine(submissions, "cyd"));
        }
        finally
        {
            differences.Delete(recursive: true);
        }

        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(submissions, "dan")).FullName, "README.md"), "I forgot to hand in my code.");
        var starter = Path.Combine(Kit.Root, "starter", "GradingKit.Starter");
        var repository = Directory.CreateDirectory(Path.Combine(submissions, "fay", "starter", "GradingKit.Starter")).FullName;
        foreach (var file in Directory.EnumerateFiles(starter, "*.cs").Concat(Directory.EnumerateFiles(starter, "*.csproj")))
        {
            File.Copy(file, Path.Combine(repository, Path.GetFileName(file)));
        }
    }

    private static void Edit(string part, Action<JsonObject> change)
    {
        var path = Path.Combine(part, "shard.json");
        var description = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(description);
        File.WriteAllText(path, description.ToJsonString());
    }

    private static Dictionary<string, Dictionary<string, string>> Read(string gradebook)
    {
        using var reader = new CsvReader(new StreamReader(gradebook), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var header = reader.HeaderRecord!;
        var rows = new Dictionary<string, Dictionary<string, string>>();
        while (reader.Read())
        {
            rows[reader.GetField("student")!] = header.ToDictionary(column => column, column => reader.GetField(column)!);
        }

        return rows;
    }

    /// <summary>A row as one line, column by column, so that two rows compare by their values.</summary>
    private static string Line(Dictionary<string, string> row) => string.Join(", ", row.Select(cell => $"{cell.Key}={cell.Value}"));

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
