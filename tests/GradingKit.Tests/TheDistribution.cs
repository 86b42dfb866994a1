using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.Serialization;

namespace GradingKit.Tests;

/// <summary>
/// The student repository, its GitHub Classroom workflow and the Gradescope bundle, each made by its
/// command as an instructor runs it. One export is built and tested once for the whole fixture.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class TheDistribution
{
    private const string WorkflowPath = ".github/workflows/classroom.yml";
    private const string CourseText = "docs/course.md";
    private const string Regenerate = "dotnet run --project grader/GradingKit.Cli -- workflow";
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(5);

    private static readonly string[] ExportedProjects =
    [
        "starter/GradingKit.Contracts/GradingKit.Contracts.csproj",
        "starter/GradingKit.Starter/GradingKit.Starter.csproj",
        "grader/GradingKit.Protocol/GradingKit.Protocol.csproj",
        "grader/GradingKit.Grading/GradingKit.Grading.csproj",
        "grader/GradingKit.StudentClasses/GradingKit.StudentClasses.csproj",
        "grader/GradingKit.Grader/GradingKit.Grader.csproj",
        "grader/GradingKit.Cli/GradingKit.Cli.csproj",
    ];

    private string scratch = null!;
    private string export = null!;
    private string zip = null!;
    private Manifest manifest = null!;
    private Dictionary<object, object> workflow = null!;
    private ProcessResult exportTest = null!;
    private List<XElement> exportCases = null!;

    [OneTimeSetUp]
    public void Export_the_student_repository_and_the_Gradescope_zip()
    {
        manifest = Manifest.Load(Kit.ManifestPath);
        workflow = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(Kit.Root, WorkflowPath)));
        scratch = Directory.CreateTempSubdirectory("gradingkit-distribution-").FullName;
        export = Path.Combine(scratch, "student-repository");
        zip = Path.Combine(scratch, "autograder.zip");
        Cli("export", "--out", export).ShouldHaveExitCode(0);
        Cli("gradescope", "--out", zip).ShouldHaveExitCode(0);

        // Students' first run: restore, build and test the export from scratch, as its README says.
        var results = Path.Combine(scratch, "export-results");
        exportTest = Run(export, "dotnet", "test", "--", $"NUnit.TestOutputXml={results}");
        var report = Path.Combine(results, "GradingKit.Grader.xml");
        exportCases = File.Exists(report) ? XDocument.Load(report).Descendants("test-case").ToList() : [];
    }

    [OneTimeTearDown]
    public void Remove_the_scratch_folder() => Directory.Delete(scratch, recursive: true);

    [Test]
    [Platform(Include = "Linux", Reason = "util-linux's script gives the command a pseudo-terminal.")]
    public void In_a_terminal_with_stdin_open_the_exports_dotnet_test_shows_its_result()
    {
        // As in VS Code's terminal: a pseudo-terminal, and standard input open until the command has ended.
        var start = new System.Diagnostics.ProcessStartInfo("script", ["-q", "-e", "-c", "dotnet test --filter Category=E01", "/dev/null"])
        {
            WorkingDirectory = export,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var name in start.Environment.Keys.Where(GraderRun.IsRunnerVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        using var terminal = System.Diagnostics.Process.Start(start)!;
        var output = terminal.StandardOutput.ReadToEndAsync();
        var error = terminal.StandardError.ReadToEndAsync();
        if (!terminal.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            terminal.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet test in a terminal did not end within 3 minutes:\n{output.Result}{error.Result}");
        }

        terminal.StandardInput.Close();
        output.Result.ShouldContain("Failed:     2", Case.Sensitive, $"no result line in the terminal:\n{output.Result}\n{error.Result}");
    }

    [Test]
    public void The_committed_workflow_is_what_the_manifest_generates()
    {
        var generated = Path.Combine(scratch, "classroom.yml");

        Cli("workflow", "--out", generated).ShouldHaveExitCode(0);

        File.ReadAllText(Path.Combine(Kit.Root, WorkflowPath)).ShouldBe(
            File.ReadAllText(generated),
            $"{WorkflowPath} disagrees with {Manifest.FileName}: regenerate it with `{Regenerate}` and commit it.");
    }

    [Test]
    public void The_workflow_has_the_shape_that_Classroom_writes()
    {
        workflow["name"].ShouldBe("Autograding Tests");
        List(workflow["on"]).ShouldBe(["push", "repository_dispatch"]);
        Map(workflow["permissions"]).ShouldBe(new Dictionary<string, string> { ["checks"] = "write", ["actions"] = "read", ["contents"] = "read" });
        Job()["runs-on"].ShouldBe("ubuntu-latest");
        Job()["if"].ShouldBe("github.actor != 'github-classroom[bot]'");
        var steps = Steps();
        steps.Count.ShouldBe(5);
        steps[0]["uses"].ShouldBe("actions/checkout@v4");
        steps[1]["uses"].ShouldBe("actions/setup-dotnet@v4");
        Map(steps[1]["with"])["dotnet-version"].ShouldBe("10.0.x");
        steps[2]["run"].ShouldBe(GradingKit.Cli.Sandbox.LetItRunOnGitHubsRunner); // TheSandboxOnUbuntu runs it

        // One grading run, and nothing else: no step of the student's choosing, no variable it reads.
        var grading = GradingStep();
        steps.IndexOf(grading).ShouldBe(3);
        grading["id"].ShouldBe("grading");
        grading["run"].ShouldBe("dotnet run --project grader/GradingKit.Cli -- grade --classroom-outputs \"$GITHUB_OUTPUT\"");
        int.Parse((string)grading["timeout-minutes"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        grading.Keys.ShouldNotContain("env");

        // The reporter runs whatever became of the grading step, unless the run was cancelled.
        var reporter = Reporter();
        reporter["uses"].ShouldBe("classroom-resources/autograding-grading-reporter@v1");
        reporter["if"].ShouldBe("${{ !cancelled() }}");
    }

    [Test]
    public void Every_check_is_a_runner_of_the_reporter_worth_its_points_and_they_add_up_to_the_total()
    {
        var checks = manifest.Exercises.SelectMany(e => e.Checks.Select((c, index) => (Exercise: e, Check: c, Id: $"{e.Id.ToLowerInvariant()}c{index + 1}"))).ToList();
        var runners = Map(Reporter()["with"])["runners"].Split(',');

        runners.ShouldBe(checks.Select(c => c.Id));
        runners.ShouldAllBe(id => RunnerId().IsMatch(id)); // the reporter's error path rejects anything else
        var notGraded = NotGradedResults();
        notGraded.Values.Sum(result => result.GetProperty("max_score").GetInt32()).ShouldBe((int)manifest.TotalPoints);
        foreach (var (exercise, check, id) in checks)
        {
            // A check the grading step left no result for: an error worth 0 of the check's whole points.
            var result = notGraded[id];
            result.GetProperty("max_score").GetInt32().ShouldBe((int)check.Points, $"{exercise.Id} {check.Test}");
            result.GetProperty("status").GetString().ShouldBe("error");
            var test = result.GetProperty("tests").EnumerateArray().Single();
            test.GetProperty("score").GetDouble().ShouldBe(0);
            test.GetProperty("message").GetString()!.ShouldContain("Not graded");
        }
    }

    [Test]
    public void The_reporter_reads_each_runners_result_from_the_grading_step_and_nothing_else()
    {
        var runners = Map(Reporter()["with"])["runners"].Split(',');
        var fallbacks = Map(Job()["env"]);

        fallbacks.Keys.ShouldAllBe(name => name.StartsWith("GRADINGKIT_NOT_GRADED_", StringComparison.Ordinal));
        var environment = Map(Reporter()["env"]);
        environment.Keys.ShouldBe(runners.Select(id => $"{id.ToUpperInvariant()}_RESULTS"), ignoreOrder: true);
        foreach (var id in runners)
        {
            var expression = ReporterInput().Match(environment[$"{id.ToUpperInvariant()}_RESULTS"]);
            expression.Success.ShouldBeTrue(environment[$"{id.ToUpperInvariant()}_RESULTS"]);
            expression.Groups["output"].Value.ShouldBe(id);
            fallbacks.Keys.ShouldContain(expression.Groups["fallback"].Value);
        }
    }

    [Test]
    public void Run_step_by_step_as_the_runner_and_the_reporter_run_it_gives_nothing_to_a_repository_that_does_not_restore()
    {
        // A student repository whose restore fails: a NuGet source that does not exist, and nothing cached.
        var broken = Directory.CreateTempSubdirectory("gradingkit-unrestorable-");
        var home = Directory.CreateTempSubdirectory("gradingkit-action-home-");
        try
        {
            var exported = GradeCommandRun.Run(["export", "--out", broken.FullName]);
            exported.ExitCode.ShouldBe(0, exported.ToString());
            File.WriteAllText(Path.Combine(broken.FullName, "nuget.config"), """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="gone" value="/nonexistent/feed" />
                  </packageSources>
                </configuration>
                """);

            // The grading step as the runner runs a `run` step: bash -eo pipefail, writing its outputs to GITHUB_OUTPUT.
            var outputs = Path.Combine(home.FullName, "github-output");
            File.WriteAllText(outputs, string.Empty);
            var environment = new Dictionary<string, string>
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH")!,
                ["HOME"] = home.FullName,
                ["DOTNET_CLI_HOME"] = home.FullName,
                ["DOTNET_NOLOGO"] = "1",
                ["NUGET_PACKAGES"] = Path.Combine(home.FullName, "packages"),
                ["GITHUB_OUTPUT"] = outputs,
            };
            var grading = ChildProcess.RunExactly(broken.FullName, "bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", (string)GradingStep()["run"]], CommandLimit, environment);

            grading.ExitCode.ShouldNotBe(0, grading.ToString());
            var written = ClassroomReporter.ReadOutputs(outputs);
            written.ShouldBeEmpty();

            // The reporter's inputs as the runner evaluates them, and its sums (its NotifyClassroom).
            var (total, max) = ClassroomReporter.Points(ReporterResults(written).Values);
            total.ShouldBe(0);
            max.ShouldBe(manifest.TotalPoints);
        }
        finally
        {
            broken.Delete(recursive: true);
            home.Delete(recursive: true);
        }
    }

    [Test]
    public void The_export_holds_the_student_repository_and_nothing_of_the_instructors()
    {
        foreach (var file in new[]
        {
            "GradingKit.sln", "README.md", Manifest.FileName, "assignments.schema.json", "Directory.Build.props", "Directory.Packages.props",
            "global.json", ".editorconfig", ".gitignore", WorkflowPath, ".devcontainer/devcontainer.json", "Directory.Solution.props",
            "starter/ApiPolicy/BannedSymbols.txt", "starter/ApiPolicy/ApiPolicy.props", "grader/GradingKit.Submission/GradingKit.Submission.csproj",
            CourseText,
        }.Concat(ExportedProjects))
        {
            File.Exists(Path.Combine(export, file)).ShouldBeTrue(file);
        }

        foreach (var absent in new[] { "reference", "tests", ".ci" })
        {
            Directory.Exists(Path.Combine(export, absent)).ShouldBeFalse(absent);
        }

        File.ReadAllText(Path.Combine(export, WorkflowPath)).ShouldBe(File.ReadAllText(Path.Combine(Kit.Root, WorkflowPath)));
        SolutionProjects().ShouldBe(ExportedProjects, ignoreOrder: true);
        var devcontainer = JsonDocument.Parse(File.ReadAllText(Path.Combine(export, ".devcontainer", "devcontainer.json"))).RootElement;
        devcontainer.GetProperty("image").GetString().ShouldStartWith("mcr.microsoft.com/devcontainers/dotnet:10.0");
        devcontainer.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions").EnumerateArray()
            .Select(e => e.GetString()).ShouldContain("ms-dotnettools.csdevkit");
        File.ReadAllText(Path.Combine(export, ".gitignore")).ShouldContain("bin/");
        var readme = File.ReadAllText(Path.Combine(export, "README.md"));
        readme.ShouldContain("dotnet test --filter Category=E04");
        readme.ShouldContain("dotnet run --project grader/GradingKit.Cli -- grade");
        readme.ShouldNotContain("reference", Case.Insensitive);
        manifest.Exercises.ShouldAllBe(e => readme.Contains($"| {e.Id} | {e.Title} |", StringComparison.Ordinal));
    }

    [Test]
    public void The_export_holds_the_course_text_that_its_README_and_every_stub_point_to()
    {
        var course = File.ReadAllText(Path.Combine(export, CourseText));

        course.ShouldBe(File.ReadAllText(Path.Combine(Kit.Root, CourseText)));
        File.ReadAllText(Path.Combine(export, "README.md")).ShouldContain($"]({CourseText})");
        foreach (var exercise in manifest.Exercises)
        {
            course.ShouldContain($"\n## {exercise.Id} ", Case.Sensitive, $"{CourseText} has no section for {exercise.Id}");
        }

        foreach (var stub in Directory.EnumerateFiles(Path.Combine(export, "starter", "GradingKit.Starter"), "E*.cs"))
        {
            var id = Path.GetFileName(stub)[..3];
            File.ReadAllText(stub).ShouldContain($"({CourseText}, {id}", Case.Sensitive, $"{Path.GetFileName(stub)} does not point to its section of {CourseText}");
        }
    }

    [Test]
    public void Dotnet_test_in_the_export_builds_and_fails_every_check_with_the_stub_message()
    {
        exportTest.ExitCode.ShouldBe(1, exportTest.ToString());
        exportCases.ShouldNotBeEmpty(exportTest.ToString());
        exportCases.Select(c => (string)c.Attribute("methodname")!).Distinct().Order()
            .ShouldBe(manifest.Exercises.SelectMany(e => e.Checks.Select(c => c.Test)).Distinct().Order());
        foreach (var test in exportCases)
        {
            ((string)test.Attribute("result")!).ShouldBe("Failed", (string)test.Attribute("fullname")!);
            StubFailure().IsMatch((string?)test.Element("failure")?.Element("message") ?? string.Empty).ShouldBeTrue((string)test.Attribute("fullname")!);
            test.Element("failure")?.Element("stack-trace").ShouldBeNull((string)test.Attribute("fullname")!); // no frames of the grader's to read
        }
    }

    [Test]
    public void In_the_export_a_banned_api_is_a_warning_of_the_students_build_and_an_integrity_error_of_the_grade()
    {
        var banned = Path.Combine(export, "starter", "GradingKit.Starter", "Peek.cs");
        File.WriteAllText(banned, """
            namespace GradingKit.Exercises;

            internal static class Peek
            {
                internal static string? Home() => Environment.GetEnvironmentVariable("HOME");
            }
            """);
        try
        {
            var build = Run(export, "dotnet", "build", "starter/GradingKit.Starter");
            var graded = Run(export, "dotnet", "run", "--project", "grader/GradingKit.Cli", "--", "grade", "--exercise", "E01");

            build.ShouldHaveExitCode(0);
            build.Output.ShouldContain("Peek.cs(5,");
            build.Output.ShouldContain("warning RS0030: The symbol 'Environment.GetEnvironmentVariable(string)' is banned in this project");
            graded.ShouldHaveExitCode(0);
            graded.Output.ShouldContain("Peek.cs(5): uses Environment.GetEnvironmentVariable(string): environment variables belong to the grader");
        }
        finally
        {
            File.Delete(banned);
        }
    }

    [Test]
    public void In_the_export_the_grade_command_runs_and_says_that_the_reference_is_not_there()
    {
        var graded = Run(export, "dotnet", "run", "--project", "grader/GradingKit.Cli", "--", "grade", "--exercise", "E01");
        var reference = Run(export, "dotnet", "run", "--project", "grader/GradingKit.Cli", "--", "grade", "--implementation", "reference");

        graded.ShouldHaveExitCode(0);
        graded.Output.ShouldContain("0 / 4");
        reference.ShouldHaveExitCode(2);
        reference.Error.ShouldContain("the reference solution is not part of this repository");
    }

    [Test]
    public void In_the_export_the_numbers_command_of_the_README_writes_the_notebooks_files_for_E13()
    {
        const string Documented = "dotnet run --project grader/GradingKit.Cli -- numbers --out numbers";
        var folder = Path.Combine(export, "numbers");
        File.ReadAllText(Path.Combine(export, "README.md")).ShouldContain(Documented);
        File.ReadAllText(Path.Combine(export, CourseText)).ShouldContain(Documented);
        File.ReadAllText(Path.Combine(export, ".gitignore")).ShouldContain("/numbers/");
        try
        {
            var written = Run(export, "dotnet", Documented.Split(' ')[1..]);

            written.ShouldHaveExitCode(0);
            var files = Directory.GetFiles(folder, "numbers-*.txt");
            files.Length.ShouldBe(20, written.ToString());
            foreach (var file in files)
            {
                var numbers = File.ReadLines(file).Select(line => int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                numbers.Count.ShouldBe(1000, file);
                numbers.ShouldAllBe(number => number >= 0 && number < 100, file);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void The_export_refuses_a_folder_that_is_neither_empty_nor_an_earlier_export_and_replaces_only_its_own_files_in_one()
    {
        var folder = Directory.CreateDirectory(Path.Combine(scratch, "not-empty")).FullName;
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");

        var refused = Cli("export", "--out", folder);
        var kit = Cli("export", "--out", Kit.Root);
        var missing = Cli("export");

        refused.ShouldHaveExitCode(2);
        refused.Error.ShouldContain("neither empty nor an earlier export");
        kit.ShouldHaveExitCode(2);
        kit.Error.ShouldContain("is the kit itself");
        missing.ShouldHaveExitCode(2);
        missing.Error.ShouldContain("--out is missing");
        Cli("export", "--out", folder, "--force").ShouldHaveExitCode(0);
        File.WriteAllText(Path.Combine(folder, ".github", "workflows", "other.yml"), "theirs");
        File.WriteAllText(Path.Combine(folder, "starter", "GradingKit.Starter", "Stale.cs"), "// gone from the kit");
        Cli("export", "--out", folder).ShouldHaveExitCode(0);
        File.ReadAllText(Path.Combine(folder, "notes.txt")).ShouldBe("mine");
        File.ReadAllText(Path.Combine(folder, ".github", "workflows", "other.yml")).ShouldBe("theirs");
        File.Exists(Path.Combine(folder, "starter", "GradingKit.Starter", "Stale.cs")).ShouldBeFalse();
    }

    [Test]
    public void The_Gradescope_zip_holds_its_two_executable_scripts_at_the_root_and_the_student_repository_beside_them()
    {
        using var archive = ZipFile.OpenRead(zip);
        var entries = archive.Entries.ToDictionary(e => e.FullName);

        foreach (var script in new[] { "setup.sh", "run_autograder" })
        {
            entries.ShouldContainKey(script);
            ((entries[script].ExternalAttributes >> 16) & 0b111_111_111).ShouldBe(0b111_101_101, script);
            using var reader = new StreamReader(entries[script].Open());
            reader.ReadToEnd().ShouldStartWith("#!/usr/bin/env bash\n");
        }

        foreach (var project in ExportedProjects.Append("GradingKit.sln").Append(Manifest.FileName).Append("starter/GradingKit.Starter/E04.Pool.cs"))
        {
            entries.ShouldContainKey($"kit/{project}");
        }

        entries.Keys.ShouldAllBe(name => name == "setup.sh" || name == "run_autograder" || name.StartsWith("kit/", StringComparison.Ordinal));
        entries.Keys.ShouldNotContain(name => name.StartsWith("kit/reference/", StringComparison.Ordinal) || name.StartsWith("kit/tests/", StringComparison.Ordinal));
        entries.Keys.ShouldNotContain(name => name.Contains("/bin/", StringComparison.Ordinal) || name.Contains("/obj/", StringComparison.Ordinal));
        using var setup = new StreamReader(entries["setup.sh"].Open());
        setup.ReadToEnd().ShouldContain("--channel 10.0");
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "run_autograder is a bash script for Gradescope's Ubuntu image.")]
    public void Run_autograder_grades_a_submitted_repository_into_the_results_json_that_Gradescope_reads()
    {
        var script = ExtractScript("run_autograder");
        var submission = Path.Combine(scratch, "submission");
        var starter = Directory.CreateDirectory(Path.Combine(submission, "my-repository", "starter", "GradingKit.Starter")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(export, "starter", "GradingKit.Starter"), "*.cs"))
        {
            File.Copy(file, Path.Combine(starter, Path.GetFileName(file)));
        }

        var resultsFile = Path.Combine(scratch, "results", "results.json");

        var run = Run(scratch, "bash", script, submission, resultsFile, export);

        run.ShouldHaveExitCode(0);
        var results = JsonDocument.Parse(File.ReadAllText(resultsFile)).RootElement;
        results.GetProperty("score").GetDouble().ShouldBe(0);
        results.GetProperty("execution_time").GetInt32().ShouldBeGreaterThan(0, run.ToString());
        var tests = results.GetProperty("tests").EnumerateArray().ToList();
        tests.Count.ShouldBe(manifest.Exercises.Sum(e => e.Checks.Count));
        tests.Sum(t => t.GetProperty("max_score").GetDouble()).ShouldBe(manifest.TotalPoints);
        foreach (var test in tests)
        {
            test.GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
            test.GetProperty("score").GetDouble().ShouldBe(0);
            StubFailure().IsMatch(test.GetProperty("output").GetString()!).ShouldBeTrue(test.GetProperty("name").GetString());
        }
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "run_autograder is a bash script for Gradescope's Ubuntu image.")]
    public void Run_autograder_writes_a_score_of_0_with_the_reason_when_it_cannot_grade()
    {
        var script = ExtractScript("run_autograder");
        var empty = Directory.CreateDirectory(Path.Combine(scratch, "empty-submission")).FullName;
        var resultsFile = Path.Combine(scratch, "results-empty", "results.json");

        Run(scratch, "bash", script, empty, resultsFile, export).ShouldHaveExitCode(0);

        var results = JsonDocument.Parse(File.ReadAllText(resultsFile)).RootElement;
        results.GetProperty("score").GetDouble().ShouldBe(0);
        results.GetProperty("output").GetString()!.ShouldContain("Not graded");
        results.GetProperty("tests").GetArrayLength().ShouldBe(0);
    }

    private static Dictionary<string, string> Map(object node) =>
        ((Dictionary<object, object>)node).ToDictionary(p => (string)p.Key, p => p.Value as string ?? string.Empty);

    private static List<string> List(object node) => ((List<object>)node).Cast<string>().ToList();

    private static ProcessResult Cli(params string[] arguments) => Run(Kit.Root, "dotnet", [GradeCommandRun.Cli, .. arguments]);

    private static ProcessResult Run(string workingDirectory, string program, params string[] arguments) =>
        ChildProcess.Run(workingDirectory, program, arguments, CommandLimit);

    private List<Dictionary<object, object>> Steps() => ((List<object>)Job()["steps"]).Cast<Dictionary<object, object>>().ToList();

    private Dictionary<object, object> Job() => (Dictionary<object, object>)((Dictionary<object, object>)workflow["jobs"])["run-autograding-tests"];

    private Dictionary<object, object> GradingStep() => Steps().Single(step => step.GetValueOrDefault("id") as string == "grading");

    private Dictionary<object, object> Reporter() => Steps()[^1];

    private Dictionary<string, JsonElement> NotGradedResults() =>
        ReporterResults(new Dictionary<string, string>()).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>The reporter's inputs, runner by runner, as the runner evaluates its environment's expressions given the grading step's outputs.</summary>
    private Dictionary<string, JsonElement> ReporterResults(IReadOnlyDictionary<string, string> gradingOutputs)
    {
        var fallbacks = Map(Job()["env"]);
        return Map(Reporter()["env"]).ToDictionary(
            variable => variable.Key[..^"_RESULTS".Length].ToLowerInvariant(),
            variable =>
            {
                var expression = ReporterInput().Match(variable.Value);
                var output = gradingOutputs.GetValueOrDefault(expression.Groups["output"].Value);
                return ClassroomReporter.Decode(string.IsNullOrEmpty(output) ? fallbacks[expression.Groups["fallback"].Value] : output);
            });
    }

    private IEnumerable<string> SolutionProjects() =>
        SolutionProject().Matches(File.ReadAllText(Path.Combine(export, "GradingKit.sln"))).Select(m => m.Groups["path"].Value.Replace('\\', '/'));

    private string ExtractScript(string name)
    {
        var path = Path.Combine(scratch, name);
        if (!File.Exists(path))
        {
            using var archive = ZipFile.OpenRead(zip);
            archive.GetEntry(name)!.ExtractToFile(path);
        }

        return path;
    }

    [GeneratedRegex(@"^[a-z0-9]+$")]
    private static partial Regex RunnerId();

    [GeneratedRegex(@"^\$\{\{ steps\.grading\.outputs\.(?<output>[a-z0-9]+) \|\| env\.(?<fallback>[A-Z0-9_]+) \}\}$")]
    private static partial Regex ReporterInput();

    [GeneratedRegex(@"""(?<path>[^""]+\.csproj)""")]
    private static partial Regex SolutionProject();

    [GeneratedRegex(@"E\d{2}: \w+\.\w+ is not implemented yet\. Write it in E\d{2}\.\w+\.cs; the comment above the class explains the exercise\.")]
    private static partial Regex StubFailure();
}

/// <summary>The exit code a command must end with, its output shown when it does not.</summary>
file static class ProcessResultAssertions
{
    public static void ShouldHaveExitCode(this ProcessResult result, int expected) => result.ExitCode.ShouldBe(expected, result.ToString());
}
