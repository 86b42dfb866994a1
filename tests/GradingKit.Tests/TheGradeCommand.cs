using System.Text.Json;
using System.Text.RegularExpressions;

namespace GradingKit.Tests;

/// <summary>The grade command, run as a user runs it: scores, reports in every format, and clear errors for bad input.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TheGradeCommand
{
    private static Manifest Manifest => Manifest.Load(Kit.ManifestPath);

    private static int CheckCount => Manifest.Exercises.Sum(e => e.Checks.Count);

    [Test]
    public void Gives_the_reference_full_marks_for_every_decided_check_and_writes_every_report_in_its_shape()
    {
        var graded = GradeCommandRun.Grade("--implementation", "reference");

        graded.ExitCode.ShouldBe(0, graded.ToString());
        var json = graded.Json!.Value;
        json.GetProperty("exercises").GetArrayLength().ShouldBe(13);

        // Every decided check earns its points; one that a busy machine left undecided earns none, in every report, and says so (never awarded).
        var checks = json.GetProperty("exercises").EnumerateArray().SelectMany(e => e.GetProperty("checks").EnumerateArray()).ToList();
        foreach (var check in checks)
        {
            var verdict = check.GetProperty("verdict").GetString();
            verdict.ShouldBeOneOf(["passed", "inconclusive"], $"{check}\n{graded.Output}");
            check.GetProperty("earned").GetDouble().ShouldBe(verdict == "passed" ? check.GetProperty("points").GetDouble() : 0, check.ToString());
        }

        var undecided = checks.Count(c => c.GetProperty("verdict").GetString() == "inconclusive");
        var score = 100 - checks.Where(c => c.GetProperty("verdict").GetString() == "inconclusive").Sum(c => c.GetProperty("points").GetDouble());
        json.GetProperty("status").GetString().ShouldBe(undecided == 0 ? "graded" : "incomplete", graded.Output);
        json.GetProperty("undecided").GetArrayLength().ShouldBe(undecided);
        json.GetProperty("earned").GetDouble().ShouldBe(score, graded.Output);
        graded.Output.ShouldContain($"{score} / 100");

        var classroom = graded.Classroom!.Value;
        classroom.GetProperty("version").GetInt32().ShouldBe(1);
        classroom.GetProperty("status").GetString().ShouldBe(undecided == 0 ? "pass" : "fail");
        classroom.GetProperty("max_score").GetDouble().ShouldBe(100);
        classroom.GetProperty("tests").GetArrayLength().ShouldBe(CheckCount);
        classroom.GetProperty("tests").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "pass").ShouldBe(CheckCount - undecided);
        foreach (var test in classroom.GetProperty("tests").EnumerateArray())
        {
            test.GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
            if (test.GetProperty("status").GetString() == "pass")
            {
                test.GetProperty("score").GetDouble().ShouldBePositive();
            }
            else
            {
                test.GetProperty("score").GetDouble().ShouldBe(0);
            }
            test.TryGetProperty("message", out _).ShouldBeTrue();
        }

        // The classroom workflow's reporter: a runner per check, in the manifest's order, totalling the grade command's score, its console agreeing runner by runner.
        var runners = graded.ClassroomOutputs!;
        runners.Keys.ShouldBe(Manifest.Exercises.SelectMany(e => e.Checks.Select((_, index) => $"{e.Id.ToLowerInvariant()}c{index + 1}")));
        var results = runners.Values.Select(ClassroomReporter.Decode).ToList();
        ClassroomReporter.Points(results).ShouldBe((score, 100));
        foreach (var result in results)
        {
            var test = result.GetProperty("tests").EnumerateArray().Single();
            ClassroomReporter.ConsolePoints(result).ShouldBe(test.GetProperty("score").GetDouble(), result.ToString());
            test.GetProperty("name").GetString()!.ShouldMatch(@"^E\d{2} .+: \w+$");
        }

        var gradescope = graded.Gradescope!.Value;
        gradescope.GetProperty("score").GetDouble().ShouldBe(score);
        gradescope.GetProperty("execution_time").ValueKind.ShouldBe(JsonValueKind.Number);
        gradescope.GetProperty("tests").GetArrayLength().ShouldBe(CheckCount);
        foreach (var test in gradescope.GetProperty("tests").EnumerateArray())
        {
            var full = test.GetProperty("score").GetDouble() == test.GetProperty("max_score").GetDouble();
            test.GetProperty("status").GetString().ShouldBe(full ? "passed" : "failed");
            test.GetProperty("visibility").GetString().ShouldBe("visible");
            if (!full)
            {
                test.GetProperty("score").GetDouble().ShouldBe(0);
                test.GetProperty("output").GetString().ShouldStartWith("undecided");
            }
        }

        var junit = graded.JUnit!.Root!;
        junit.Name.LocalName.ShouldBe("testsuites");
        junit.Elements("testsuite").Count().ShouldBe(13);
        junit.Descendants("testcase").Count().ShouldBe(CheckCount);
        junit.Descendants("failure").ShouldBeEmpty();
        junit.Descendants("error").ShouldBeEmpty();
        junit.Descendants("skipped").Count().ShouldBe(undecided);

        var classroom50 = graded.Classroom50!.Value;
        Classroom50Results.ShouldBeValid(classroom50, graded.Output);
        classroom50.GetProperty("score").GetInt32().ShouldBe((int)score);
        classroom50.GetProperty("max-score").GetInt32().ShouldBe(100);
        classroom50.GetProperty("tests").EnumerateArray().Count(t => t.GetProperty("passed").GetBoolean() && t.GetProperty("status").GetString() == "passed").ShouldBe(CheckCount - undecided);
        classroom50.GetProperty("tests").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "undecided").ShouldBe(undecided);
        graded.ReleaseBody!.ShouldStartWith($"### GradingKit: {score} / 100");

        // The HTML page stands alone (no script, nothing fetched) and draws every timing check whose work is the grader's tasks.
        var html = graded.Html!;
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("src=", Case.Insensitive);
        html.ShouldNotContain("href=\"http", Case.Insensitive);
        static bool Drawn(JsonElement testCase) => testCase.TryGetProperty("picture", out var picture) && picture.ValueKind == JsonValueKind.Object;
        // E12's and E13's speed-ups draw the witness's CPUs' worth of computing, where the system tells (Linux).
        var drawable = Manifest.Exercises.Where(e => Concurrency.Available || e.Id is not ("E12" or "E13")).Sum(e => e.Checks.Count(c => c.Timed));
        checks.Count(c => c.GetProperty("cases").EnumerateArray().Any(Drawn)).ShouldBe(drawable);
        Regex.Count(html, "<svg ").ShouldBe(checks.Sum(c => c.GetProperty("cases").EnumerateArray().Count(Drawn)));
        Regex.Count(html, "<h3 ").ShouldBe(CheckCount);
    }

    [Test]
    public void Cuts_a_runaway_message_in_the_reporters_step_outputs_so_that_each_fits_an_environment_variable()
    {
        // The reporter receives each runner's result as an environment variable; Linux refuses one over 128 KiB.
        var endless = new string('x', 1_000_000);
        var check = new GradingKit.Cli.CheckGrade("Sums_every_result", 2, 0, GradingKit.Cli.Verdict.Failed, null, [new GradingKit.Cli.CaseResult("Sums_every_result", GradingKit.Cli.Verdict.Failed, endless, string.Empty, 0.1)]);
        var report = new GradingKit.Cli.GradeReport("student", GradingKit.Cli.GradeStatus.Graded, null, 2, 0, 1, 2, [new GradingKit.Cli.ExerciseGrade("E07", "Merging results", 2, 0, null, [check])]);

        var output = GradingKit.Cli.Reports.ClassroomOutputs(report).TrimEnd('\n').Split('=', 2);

        output[0].ShouldBe("e07c1");
        $"E07C1_RESULTS={output[1]}".Length.ShouldBeLessThan(128 * 1024);
        var test = ClassroomReporter.Decode(output[1]).GetProperty("tests").EnumerateArray().Single();
        test.GetProperty("score").GetDouble().ShouldBe(0);
        test.GetProperty("message").GetString()!.ShouldEndWith("more characters: the Grade step's log shows the whole message]");
        test.GetProperty("test_code").GetString().ShouldBe(test.GetProperty("message").GetString());
    }

    [Test]
    public void Gives_the_starter_no_marks_each_check_failing_with_the_stub_message()
    {
        var graded = GradeCommandRun.Grade([], [], columns: 100);

        graded.ExitCode.ShouldBe(0, graded.ToString());
        graded.Json!.Value.GetProperty("earned").GetDouble().ShouldBe(0);
        graded.Classroom!.Value.GetProperty("status").GetString().ShouldBe("fail");
        foreach (var check in graded.Json.Value.GetProperty("exercises").EnumerateArray().SelectMany(e => e.GetProperty("checks").EnumerateArray()))
        {
            check.GetProperty("verdict").GetString().ShouldBe("failed");
            check.GetProperty("cases").EnumerateArray().ShouldAllBe(c => c.GetProperty("message").GetString()!.Contains("is not implemented yet"));
        }

        graded.JUnit!.Descendants("failure").Count().ShouldBe(CheckCount);

        // The classroom workflow's reporter prints test_code under a failed test: there, the student reads what to write.
        var runners = graded.ClassroomOutputs!.Values.Select(ClassroomReporter.Decode).ToList();
        runners.Count.ShouldBe(CheckCount);
        ClassroomReporter.Points(runners).ShouldBe((0, 100));
        runners.SelectMany(r => r.GetProperty("tests").EnumerateArray())
            .ShouldAllBe(t => t.GetProperty("status").GetString() == "fail" && t.GetProperty("test_code").GetString()!.Contains("is not implemented yet"));

        var classroom50 = graded.Classroom50!.Value;
        Classroom50Results.ShouldBeValid(classroom50, graded.Output);
        classroom50.GetProperty("score").GetInt32().ShouldBe(0);
        classroom50.GetProperty("max-score").GetInt32().ShouldBe(100);
        classroom50.GetProperty("tests").EnumerateArray().ShouldAllBe(t => !t.GetProperty("passed").GetBoolean() && t.GetProperty("message").GetString()!.Contains("is not implemented yet"));
        graded.ReleaseBody!.ShouldContain("is not implemented yet");

        // A student's terminal of 100 columns: the table fits, and says "not implemented yet" once per exercise, with what to write.
        var table = graded.Output[graded.Output.IndexOf("GradingKit: starter", StringComparison.Ordinal)..].ReplaceLineEndings("\n").Split('\n');
        table.Where(line => line.Length > 100).ShouldBeEmpty(graded.Output);
        foreach (var exercise in Manifest.Exercises)
        {
            var row = Array.FindIndex(table, line => line.StartsWith($"│ {exercise.Id} {exercise.Title} ", StringComparison.Ordinal));
            row.ShouldBeGreaterThan(0, $"no row for {exercise.Id}:\n{graded.Output}");
            table[row].ShouldContain($"0 / {exercise.Points} │ failed", Case.Sensitive, graded.Output);
            table[row + 1].ShouldStartWith("│   not implemented yet: write ", Case.Sensitive, graded.Output);
        }

        Regex.Count(string.Join('\n', table), "not implemented yet", RegexOptions.IgnoreCase).ShouldBe(Manifest.Exercises.Count, graded.Output);
    }

    [Test]
    public void Builds_only_the_exercise_sources_of_a_project_against_the_kits_contract()
    {
        var folder = Directory.CreateTempSubdirectory("gradingkit-alone-");
        try
        {
            foreach (var source in Directory.EnumerateFiles(Path.Combine(Kit.Root, "starter", "GradingKit.Starter"), "*.cs*"))
            {
                File.Copy(source, Path.Combine(folder.FullName, Path.GetFileName(source)));
            }

            // Its project references a contract that is not there, and its own build files would fail the build: neither is evaluated.
            File.WriteAllText(Path.Combine(folder.FullName, "Directory.Build.props"), "<Project><Target Name=\"Fail\" BeforeTargets=\"Build\"><Error Text=\"evaluated\" /></Target></Project>");
            File.WriteAllText(Path.Combine(folder.FullName, "notes.txt.cs.bak"), "not a source file");

            var graded = GradeCommandRun.Grade("--implementation", folder.FullName, "--exercise", "E01");

            graded.ExitCode.ShouldBe(0, graded.ToString());
            graded.Json!.Value.GetProperty("status").GetString().ShouldBe("graded", graded.ToString());
            graded.Json.Value.GetProperty("sources").EnumerateArray().Select(f => f.GetString()).ShouldBe(
                Directory.EnumerateFiles(Path.Combine(Kit.Root, "starter", "GradingKit.Starter"), "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal));
            graded.Json.Value.GetProperty("earned").GetDouble().ShouldBe(0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestCase("")]
    [TestCase("<Project")]
    [TestCase("<NotAProject />")]
    public void Refuses_a_project_file_that_is_not_an_msbuild_project(string text)
    {
        var folder = Directory.CreateTempSubdirectory("gradingkit-malformed-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "Broken.csproj"), text);

            var graded = GradeCommandRun.Grade("--implementation", Path.Combine(folder.FullName, "Broken.csproj"), "--exercise", "E01");

            graded.ExitCode.ShouldBe(2, graded.ToString());
            graded.Error.ShouldContain("Broken.csproj is not");
            graded.Error.ShouldNotContain("   at ");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Grades_a_submission_that_does_not_compile_as_an_error_with_the_compilers_message()
    {
        var folder = Directory.CreateTempSubdirectory("gradingkit-broken-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "E07.ResultMerger.cs"), """
                namespace GradingKit.Exercises;

                public sealed class ResultMerger : GradingKit.Contracts.IResultMerger
                {
                    public double SumResults(int taskCount, Func<int, double> task) => total;
                }
                """);
            var project = Submissions.BuildFrom(folder.FullName);

            var graded = GradeCommandRun.Grade("--implementation", project, "--exercise", "E07");

            graded.ExitCode.ShouldBe(0, graded.ToString());
            graded.Json!.Value.GetProperty("status").GetString().ShouldBe("error");
            var error = graded.Json.Value.GetProperty("error").GetString()!;
            error.ShouldStartWith("E07.ResultMerger.cs(5,");
            error.ShouldContain("error CS0103: The name 'total' does not exist in the current context");
            graded.Classroom!.Value.GetProperty("status").GetString().ShouldBe("error");
            graded.Output.ShouldContain("did not build");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Names_a_class_that_a_submission_lacks()
    {
        var project = Submissions.Build("Idiom.Plinq");
        File.Delete(Path.Combine(Path.GetDirectoryName(project)!, "E10.SharedArrayFiller.cs"));

        var graded = GradeCommandRun.Grade("--implementation", project, "--exercise", "E10");

        graded.Json!.Value.GetProperty("status").GetString().ShouldBe("error");
        graded.Json.Value.GetProperty("error").GetString()!.ShouldContain("does not define the public class GradingKit.Exercises.SharedArrayFiller");
    }

    [Test]
    public void Names_each_class_that_is_not_as_the_contract_asks()
    {
        var project = Submissions.Build("Idiom.Plinq");
        var folder = Path.GetDirectoryName(project)!;
        Edit(folder, "E04.Pool.cs", "public sealed class Pool : IPool", "internal sealed class Pool : IPool");
        Edit(folder, "E06.Futures.cs", "public sealed class Futures : IFutures", "public sealed class Futures");
        Edit(folder, "E11.Fibonacci.cs", "public sealed class Fibonacci : IFibonacci", "public sealed class Fibonacci(int unused) : IFibonacci");

        var graded = GradeCommandRun.Grade("--implementation", project, "--exercise", "E04");

        graded.Json!.Value.GetProperty("status").GetString().ShouldBe("error");
        var error = graded.Json.Value.GetProperty("error").GetString()!;
        error.ShouldContain("The submission's class GradingKit.Exercises.Pool or its constructor is not public");
        error.ShouldContain("The submission's class Futures does not implement IFutures, which the contract asks for");
        error.ShouldContain("The submission's class Fibonacci has no public constructor without parameters");
        error.ShouldNotContain("GradingKit.StudentClasses", Case.Sensitive, "the message speaks of the student's classes, not of the kit's files");

        static void Edit(string folder, string file, string find, string replace)
        {
            var path = Path.Combine(folder, file);
            var text = File.ReadAllText(path);
            text.ShouldContain(find);
            File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        }
    }

    [Test]
    public void Refuses_an_unknown_exercise_naming_the_known_ones()
    {
        var graded = GradeCommandRun.Grade("--exercise", "E99");

        graded.ExitCode.ShouldBe(2);
        graded.Error.ShouldContain("--exercise E99: no such exercise; the exercises are E01, E02");
        graded.Json.ShouldBeNull();
    }

    [Test]
    public void Refuses_an_implementation_that_is_not_a_project()
    {
        GradeCommandRun.Grade("--implementation", "no/such/project.csproj").Error.ShouldContain("no such file or folder");
        GradeCommandRun.Grade("--implementation", "README.md").Error.ShouldContain("is not a .csproj project file");
    }

    [Test]
    public void Refuses_a_malformed_manifest_naming_the_line_and_the_field()
    {
        var (graded, manifest) = GradeWithManifest(text => text.Replace("\"points\": 4,", "\"points\": \"four\",", StringComparison.Ordinal));

        graded.ExitCode.ShouldBe(2);
        graded.Error.ShouldContain($"{manifest}, line 8, field $.exercises[0].points");
    }

    [Test]
    public void Refuses_a_manifest_whose_points_do_not_add_up()
    {
        var (graded, _) = GradeWithManifest(text => text.Replace("\"points\": 4,", "\"points\": 5,", StringComparison.Ordinal));

        graded.ExitCode.ShouldBe(2);
        graded.Error.ShouldContain("E01's checks add up to 4 points, not its 5");
    }

    [Test]
    public void Refuses_a_manifest_with_a_fraction_of_a_point()
    {
        var (graded, _) = GradeWithManifest(text => text
            .Replace("\"points\": 4,", "\"points\": 4.5,", StringComparison.Ordinal)
            .Replace("\"Returns_the_processor_count_of_this_process\", \"points\": 2", "\"Returns_the_processor_count_of_this_process\", \"points\": 2.5", StringComparison.Ordinal)
            .Replace("\"totalPoints\": 100", "\"totalPoints\": 100.5", StringComparison.Ordinal));

        graded.ExitCode.ShouldBe(2, graded.ToString());
        graded.Error.ShouldContain("points are whole numbers");
    }

    /// <summary>Grades the starter with an edited copy of the kit's assignments.json.</summary>
    private static (GradeCommandResult Graded, string Manifest) GradeWithManifest(Func<string, string> edit)
    {
        var manifest = Path.GetTempFileName();
        try
        {
            File.WriteAllText(manifest, edit(File.ReadAllText(Kit.ManifestPath)));
            return (GradeCommandRun.Grade("--manifest", manifest), manifest);
        }
        finally
        {
            File.Delete(manifest);
        }
    }
}
