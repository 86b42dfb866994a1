using System.Text.Json;
using System.Xml.Linq;

namespace GradingKit.Cli;

/// <summary>The reports the grade command writes on request: the kit's JSON, GitHub Classroom's grader result and its reporter's step outputs, Gradescope's results.json, JUnit XML, an HTML page.</summary>
public static class Reports
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly JsonSerializerOptions SnakeCase = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly JsonSerializerOptions Compact = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The most characters of a check's message in a runner's result: the result reaches the reporter
    /// as an environment variable, and Linux refuses to start a program with one over 128 KiB, so a
    /// student's endless exception message must not cost the whole report.
    /// </summary>
    private const int RunnerMessageLimit = 8_000;

    /// <summary>Writes every report asked for.</summary>
    /// <param name="report">The grading run.</param>
    /// <param name="options">The reports asked for.</param>
    public static void Write(GradeReport report, ReportFiles options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        WriteIf(options.Json, () => JsonSerializer.Serialize(report, Json));
        WriteIf(options.Classroom, () => JsonSerializer.Serialize(Classroom(report), SnakeCase));
        WriteIf(options.Gradescope, () => JsonSerializer.Serialize(Gradescope(report), SnakeCase));
        WriteIf(options.JUnit, () => JUnit(report).ToString());
        WriteIf(options.Html, () => HtmlReport.Of(report));
        WriteIf(options.Classroom50, () => JsonSerializer.Serialize(Classroom50Result.Of(report, Environment.GetEnvironmentVariable), Json));
        WriteIf(options.Classroom50 is { } result ? new FileInfo(Path.Combine(result.DirectoryName!, Classroom50Result.ReleaseBody)) : null, () => Classroom50Result.Body(report));
        if (options.ClassroomOutputs is { } outputs)
        {
            File.AppendAllText(outputs.FullName, ClassroomOutputs(report));
        }
    }

    /// <summary>GitHub Classroom's grader result (classroom-resources/autograding-command-grader): one test per check.</summary>
    /// <param name="report">The grading run.</param>
    /// <returns>The result object.</returns>
    public static object Classroom(GradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tests = report.Exercises.SelectMany(e => e.Checks.Select(c => new
        {
            Name = $"{e.Id} {c.Test}",
            Status = ClassroomStatusOf(report, e, c),
            Message = MessageOf(report, e, c),
            LineNo = 0,
            Duration = c.Cases.Sum(x => x.Seconds) * 1000,
            Score = c.Earned,
        })).ToList();
        return new
        {
            Version = 1,
            Status = report.NotGradedBecause is not null ? "error" : tests.All(t => t.Status == "pass") ? "pass" : "fail",
            MaxScore = report.Points,
            Tests = tests,
        };
    }

    /// <summary>
    /// The classroom-resources reporter's runners as GitHub Actions step outputs: a line <c>e04c2=&lt;result&gt;</c>
    /// per check, the result in the command grader's shape (one test, worth the check's points), base64-encoded
    /// as the reporter reads it. A check that failed carries its message twice (an undecided one says so first): in
    /// <c>message</c>, and in <c>test_code</c>, the one field the reporter prints under a failed test.
    /// </summary>
    /// <param name="report">The grading run.</param>
    /// <returns>The output lines.</returns>
    public static string ClassroomOutputs(GradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Concat(report.Exercises.SelectMany(e => e.Checks.Select((c, index) =>
        {
            var status = ClassroomStatusOf(report, e, c);
            var kitStatus = StatusOf(report, e, c);
            var message = Shortened(kitStatus is "passed" or "failed" or "error" ? MessageOf(report, e, c) : $"{kitStatus}: {MessageOf(report, e, c)}");
            var result = ClassroomRunnerResult(status, (int)c.Points, ClassroomRunner.NameOf(e.Id, e.Title, c.Test), c.Earned, message, c.Cases.Sum(x => x.Seconds) * 1000);
            return $"{ClassroomRunner.IdOf(e.Id, index)}={result}\n";
        })));
    }

    /// <summary>One runner's result in the command grader's shape: one test, base64-encoded JSON, as the reporter reads it.</summary>
    /// <param name="status">pass, fail or error.</param>
    /// <param name="points">The test's points (max_score).</param>
    /// <param name="name">The test's name.</param>
    /// <param name="score">The points it earned.</param>
    /// <param name="message">Its message.</param>
    /// <param name="milliseconds">How long it took.</param>
    /// <returns>The result.</returns>
    public static string ClassroomRunnerResult(string status, int points, string name, double score, string message, double milliseconds)
    {
        var result = new
        {
            Version = 1,
            Status = status,
            MaxScore = points,
            Tests = new[]
            {
                new
                {
                    Name = name,
                    Status = status,
                    Score = score,
                    Message = message,
                    TestCode = status == "fail" ? message : string.Empty,
                    Filename = string.Empty,
                    LineNo = 0,
                    Duration = Math.Round(milliseconds),
                },
            },
        };
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(result, Compact));
    }

    private static string Shortened(string message) =>
        message.Length <= RunnerMessageLimit
            ? message
            : $"{message[..RunnerMessageLimit]}\n[{message.Length - RunnerMessageLimit} more characters: the Grade step's log shows the whole message]";

    private static string ClassroomStatusOf(GradeReport report, ExerciseGrade exercise, CheckGrade check) =>
        report.NotGradedBecause is not null || exercise.Fault is not null ? "error" : check.Earned == check.Points ? "pass" : "fail";

    /// <summary>Gradescope's results.json: the score, the time, one test per check.</summary>
    /// <param name="report">The grading run.</param>
    /// <returns>The results object.</returns>
    public static object Gradescope(GradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            Score = report.Earned,
            ExecutionTime = (int)Math.Ceiling(report.Seconds),
            Output = report.NotGradedBecause is { } why ? $"{why}:\n{report.Error}"
                : $"{report.Earned} of {report.Points} points; {report.Sandbox}." + (report.IncompleteBecause is { } incomplete ? $"\n{incomplete}" : string.Empty),
            Visibility = "visible",
            Tests = report.Exercises.SelectMany(e => e.Checks.Select(c => new
            {
                Name = $"{e.Id} {e.Title}: {c.Test}",
                Score = c.Earned,
                MaxScore = c.Points,
                Status = c.Earned == c.Points ? "passed" : "failed",
                Output = c.Earned == c.Points ? MessageOf(report, e, c) : $"{StatusOf(report, e, c)}: {MessageOf(report, e, c)}",
                Visibility = "visible",
            })).ToList(),
        };
    }

    /// <summary>JUnit XML: a test suite per exercise, a test case per check case.</summary>
    /// <param name="report">The grading run.</param>
    /// <returns>The document.</returns>
    public static XDocument JUnit(GradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new XDocument(new XElement(
            "testsuites",
            new XAttribute("name", $"GradingKit: {report.Implementation}"),
            new XAttribute("tests", report.Exercises.Sum(e => e.Checks.Count)),
            new XAttribute("failures", report.Exercises.Sum(e => e.Checks.Count(c => c.Verdict == Verdict.Failed))),
            new XAttribute("time", report.Seconds),
            report.Exercises.Select(e => new XElement(
                "testsuite",
                new XAttribute("name", $"{e.Id} {e.Title}"),
                new XAttribute("tests", e.Checks.Count),
                new XAttribute("failures", e.Checks.Count(c => c.Verdict == Verdict.Failed)),
                new XAttribute("errors", e.Fault is null && report.NotGradedBecause is null ? 0 : e.Checks.Count),
                new XAttribute("skipped", e.Checks.Count(c => c.Verdict == Verdict.Inconclusive)),
                new XAttribute("time", e.Checks.Sum(c => c.Cases.Sum(x => x.Seconds))),
                e.Checks.Select(c => new XElement(
                    "testcase",
                    new XAttribute("classname", e.Id),
                    new XAttribute("name", c.Test),
                    new XAttribute("time", c.Cases.Sum(x => x.Seconds)),
                    Outcome(report, e, c)))))));
    }

    private static XElement? Outcome(GradeReport report, ExerciseGrade exercise, CheckGrade check) =>
        report.NotGradedBecause is not null || exercise.Fault is not null
            ? new XElement("error", new XAttribute("message", exercise.Fault ?? report.NotGradedBecause!), report.Error ?? exercise.Fault)
            : check.Verdict switch
            {
                Verdict.Failed => new XElement("failure", new XAttribute("message", FirstLine(MessageOf(report, exercise, check))), MessageOf(report, exercise, check)),
                Verdict.Inconclusive => new XElement("skipped", new XAttribute("message", check.Note ?? "inconclusive")),
                Verdict.NotRun => new XElement("skipped", new XAttribute("message", "not run")),
                _ => null,
            };

    /// <summary>A check's status as every platform's report shows it: passed, failed, undecided (not awarded), not run, error (a fault, or not built), integrity (not graded).</summary>
    /// <param name="report">The grading run.</param>
    /// <param name="exercise">The check's exercise.</param>
    /// <param name="check">The check.</param>
    /// <returns>The status.</returns>
    internal static string StatusOf(GradeReport report, ExerciseGrade exercise, CheckGrade check) =>
        report.Status == GradeStatus.Integrity ? GradeStatus.Integrity.Text()
        : report.NotGradedBecause is not null || exercise.Fault is not null ? "error"
        : check.Verdict switch
        {
            Verdict.Passed when check.Earned == check.Points => "passed",
            Verdict.Inconclusive => "undecided",
            Verdict.NotRun => "not run",
            _ => "failed",
        };

    /// <summary>What a platform shows of a check that did not simply pass: the failing cases' messages and the note, or why nothing ran.</summary>
    /// <param name="report">The grading run.</param>
    /// <param name="exercise">The check's exercise.</param>
    /// <param name="check">The check.</param>
    /// <returns>The message; empty for a passed check.</returns>
    internal static string MessageOf(GradeReport report, ExerciseGrade exercise, CheckGrade check) =>
        report.NotGradedBecause is { } why ? $"{why}:\n{report.Error}"
        : exercise.Fault is not null ? exercise.Fault
        : string.Join("\n\n", check.Cases.Where(c => c.Verdict != Verdict.Passed).Select(c => $"{c.Name}: {c.Message}").Append(check.Note ?? string.Empty).Where(m => m.Length > 0));

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static void WriteIf(FileInfo? file, Func<string> content)
    {
        if (file is null)
        {
            return;
        }

        file.Directory?.Create();
        File.WriteAllText(file.FullName, content());
    }
}
