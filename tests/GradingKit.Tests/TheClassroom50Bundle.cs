using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>
/// Classroom 50's bundle, used as its runner uses it: autograder.py run with the student's checkout
/// as working directory, CLASSROOM50_BUNDLE_DIR naming the bundle and the identity in the
/// environment. Checkouts are student repositories exported from the kit: solved with the
/// reference, as handed out (the starter), and one whose grading cannot restore.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TheClassroom50Bundle
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private DirectoryInfo work = null!;
    private string bundle = null!;
    private long writtenBytes;

    [OneTimeSetUp]
    public void WriteTheBundle()
    {
        work = Directory.CreateTempSubdirectory("gradingkit-classroom50-");
        bundle = Path.Combine(work.FullName, "autograders", "parallel-csharp");
        var written = GradeCommandRun.Run(["classroom50", "--out", bundle]);
        written.ExitCode.ShouldBe(0, written.ToString());
        writtenBytes = Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
    }

    [OneTimeTearDown]
    public void DeleteTheWork() => work.Delete(recursive: true);

    [Test]
    public void Holds_the_autograder_and_the_student_repository_without_the_reference_within_10_MiB()
    {
        File.Exists(Path.Combine(bundle, "autograder.py")).ShouldBeTrue();
        File.Exists(Path.Combine(bundle, "kit", "grader", "GradingKit.Cli", "GradingKit.Cli.csproj")).ShouldBeTrue();
        Directory.Exists(Path.Combine(bundle, "kit", "reference")).ShouldBeFalse();
        writtenBytes.ShouldBeLessThan(10L * 1024 * 1024); // as published, before grading builds in it

        var entry = JsonDocument.Parse(File.ReadAllText(Path.Combine(work.FullName, "autograders", "assignment-entry.json"))).RootElement;
        entry.GetProperty("slug").GetString().ShouldBe("parallel-csharp");
        entry.GetProperty("mode").GetString().ShouldBe("individual");
        entry.GetProperty("autograder").GetString().ShouldBe("default");
        var runtime = entry.GetProperty("runtime");
        runtime.EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(["runs-on", "container", "python", "node", "java", "go", "rust", "apt"]); // a closed object in Classroom 50's schema
        runtime.GetProperty("runs-on").GetString().ShouldBe("ubuntu-latest");
        var allowed = entry.GetProperty("allowed_files").EnumerateArray().Select(p => p.GetString()).ToList();
        allowed[0].ShouldBe("*");
        allowed.ShouldContain("!starter/GradingKit.Starter/**/*.cs");
        allowed.ShouldNotContain(pattern => pattern!.Contains("Directory.Build", StringComparison.Ordinal) || pattern.Contains("nuget", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public void Gives_a_checkout_solved_with_the_reference_full_marks_for_every_decided_check()
    {
        var checkout = Checkout("solved", starter =>
        {
            foreach (var source in Directory.EnumerateFiles(Path.Combine(Kit.Root, "reference", "GradingKit.Reference"), "*.cs"))
            {
                File.Copy(source, Path.Combine(starter, Path.GetFileName(source)), overwrite: true);
            }
        });

        var (run, result) = Autograde(checkout);

        // Every decided check earns its points; one that a busy machine left undecided earns none and says so (never awarded).
        Classroom50Results.ShouldBeValid(result, run.ToString());
        var tests = result.GetProperty("tests").EnumerateArray().ToList();
        foreach (var test in tests)
        {
            var full = test.GetProperty("score").GetInt32() == test.GetProperty("max-score").GetInt32();
            (full ? "passed" : "undecided").ShouldBe(test.GetProperty("status").GetString(), $"{test}\n{run}");
        }

        var undecided = tests.Where(test => test.GetProperty("status").GetString() == "undecided").Sum(test => test.GetProperty("max-score").GetInt32());
        result.GetProperty("score").GetInt32().ShouldBe(100 - undecided, run.ToString());
        result.GetProperty("classroom").GetString().ShouldBe("cs-parallel");
        result.GetProperty("owner").GetString().ShouldBe("ada");
        File.ReadAllText(Path.Combine(checkout, "release-body.md")).ShouldStartWith($"### GradingKit: {100 - undecided} / 100");
    }

    [Test]
    public void Gives_the_starter_as_handed_out_nothing_and_ignores_a_result_committed_beside_it()
    {
        var checkout = Checkout("starter", _ => { });
        File.WriteAllText(Path.Combine(checkout, "result.json"), """{ "schema": "classroom50/result/v1", "score": 100 }""");

        var (run, result) = Autograde(checkout);

        Classroom50Results.ShouldBeValid(result, run.ToString());
        result.GetProperty("score").GetInt32().ShouldBe(0, run.ToString());
        result.GetProperty("max-score").GetInt32().ShouldBe(100);
    }

    [Test]
    public void Leaves_a_valid_result_with_the_reason_when_grading_cannot_restore()
    {
        // A bundle of its own, never restored, and a package feed that does not exist: NuGet unreachable.
        var fresh = Path.Combine(work.FullName, "fresh", "parallel-csharp");
        GradeCommandRun.Run(["classroom50", "--out", fresh]).ExitCode.ShouldBe(0);
        var checkout = Checkout("unrestorable", _ => { });
        var packages = Directory.CreateDirectory(Path.Combine(work.FullName, "empty-packages")).FullName;

        var (run, result) = Autograde(checkout, fresh, new Dictionary<string, string>
        {
            ["RestoreSources"] = Path.Combine(work.FullName, "no-such-feed"),
            ["NUGET_PACKAGES"] = packages,
        });

        run.ExitCode.ShouldBe(0, run.ToString());
        Classroom50Results.ShouldBeValid(result, run.ToString());
        result.GetProperty("score").GetInt32().ShouldBe(0);
        result.GetProperty("max-score").GetInt32().ShouldBe(100);
        result.GetProperty("tests").EnumerateArray().ShouldAllBe(t => t.GetProperty("status").GetString() == "error" && t.GetProperty("message").GetString()!.Contains("without a result"));
    }

    /// <summary>A student repository exported from the kit, changed by <paramref name="edit"/> (given its starter folder).</summary>
    private string Checkout(string name, Action<string> edit)
    {
        var checkout = Path.Combine(work.FullName, "checkouts", name);
        GradeCommandRun.Run(["export", "--out", checkout]).ExitCode.ShouldBe(0);
        edit(Path.Combine(checkout, "starter", "GradingKit.Starter"));
        return checkout;
    }

    private (ProcessResult Run, JsonElement Result) Autograde(string checkout, string? from = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["CLASSROOM50_BUNDLE_DIR"] = from ?? bundle,
            ["CLASSROOM"] = "cs-parallel",
            ["ASSIGNMENT"] = "parallel-csharp",
            ["ASSIGNMENT_TYPE"] = "individual",
            ["USERNAME"] = "ada",
            ["OWNER"] = "ada",
            ["SUBMISSION_TAG"] = "submit/20261126T120000Z-abc1234",
            ["COMMIT_URL"] = "https://github.com/cs-parallel/cs-parallel-parallel-csharp-ada/commit/abc1234",
            ["RELEASE_URL"] = "https://github.com/cs-parallel/cs-parallel-parallel-csharp-ada/releases/tag/submit%2F20261126T120000Z-abc1234",
            ["REVIEW_URL"] = "https://github.com/cs-parallel/cs-parallel-parallel-csharp-ada/commit/abc1234",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var run = ChildProcess.Run(checkout, "python3", [Path.Combine(from ?? bundle, "autograder.py")], Limit, environment);
        run.ExitCode.ShouldBe(0, run.ToString());
        var path = Path.Combine(checkout, "result.json");
        File.Exists(path).ShouldBeTrue(run.ToString());
        return (run, JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());
    }
}
