using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Spectre.Console;

namespace GradingKit.Cli;

/// <summary>The options of the grade-all command.</summary>
/// <param name="Submissions">The folder of submissions, one subfolder per student.</param>
/// <param name="Out">Where the gradebook and the students' reports go; null for the folder beside the submissions.</param>
/// <param name="Exercises">The exercises to grade; none for all.</param>
/// <param name="Seed">A seed to replay.</param>
/// <param name="TimingScale">The factor on slack and overheads.</param>
/// <param name="ExerciseLimit">How long one exercise may run.</param>
/// <param name="Manifest">Another assignments.json.</param>
/// <param name="IncompleteOnly">Grade again only the students whose row in the existing gradebook is incomplete, keeping every other row.</param>
public sealed record GradeAllOptions(
    DirectoryInfo Submissions, DirectoryInfo? Out, IReadOnlyList<string> Exercises, int? Seed, double? TimingScale, TimeSpan ExerciseLimit, FileInfo? Manifest,
    bool IncompleteOnly = false);

/// <summary>One row of the gradebook: a student's points per exercise, the total, and whether the submission could be graded.</summary>
/// <param name="Student">The student: the name of the submission's folder.</param>
/// <param name="Earned">The points per exercise, in the plan's order; empty when the submission could not be graded.</param>
/// <param name="Total">The points earned.</param>
/// <param name="Possible">The points possible.</param>
/// <param name="Status">graded; incomplete (timing checks undecided, not awarded); error (not built, no project, the kit failed); integrity (APIs the grader does not allow).</param>
/// <param name="Reason">Why it is an error; for a graded submission, the faults of its exercises, if any.</param>
public sealed record GradebookRow(string Student, IReadOnlyList<double> Earned, double Total, double Possible, string Status, string Reason);

/// <summary>
/// The grade-all command: grades every submission of a folder, one after another (timed checks must
/// not share the CPU), each exactly as the grade command does, into a gradebook CSV and a report per
/// student. A submission that cannot be graded gets a row with status error; the batch goes on.
/// </summary>
public static class GradeAllCommand
{
    /// <summary>The gradebook's file name in the output folder.</summary>
    public const string GradebookFile = "gradebook.csv";

    /// <summary>Each student's kit JSON results, in the student's folder of the output folder.</summary>
    public const string ReportJsonFile = "report.json";

    /// <summary>Each student's score table as text, in the student's folder of the output folder.</summary>
    public const string ReportTextFile = "report.txt";

    /// <summary>Makes the command, sharing the grade command's options that apply to every submission.</summary>
    /// <param name="exercises">--exercise.</param>
    /// <param name="seed">--seed.</param>
    /// <param name="timingScale">--timing-scale.</param>
    /// <param name="exerciseLimit">--exercise-limit.</param>
    /// <param name="manifest">--manifest.</param>
    /// <returns>The command.</returns>
    public static Command Create(
        Option<string[]> exercises, Option<int?> seed, Option<double?> timingScale, Option<int> exerciseLimit, Option<FileInfo?> manifest)
    {
        var submissions = new Option<DirectoryInfo>("--submissions", "-s")
        {
            Description = "The folder of submissions: one subfolder per student, named after the student, holding a student repository "
                + "(starter/GradingKit.Starter) or a project (a .csproj in it or a few folders below).",
            Required = true,
        };
        var output = new Option<DirectoryInfo?>("--out", "-o")
        {
            Description = "Where to write gradebook.csv and each student's reports (default: <submissions>-gradebook beside the submissions folder).",
        };
        var incompleteOnly = new Option<bool>("--incomplete-only")
        {
            Description = "Grade again only the students whose row in the existing gradebook is incomplete (timing checks this machine could not decide), "
                + "for example on a quieter machine; every other row is kept as it is.",
        };
        var command = new Command(
            "grade-all",
            "Grade every submission in a folder, one after another, into a gradebook CSV and a report per student. "
            + "A submission that does not build or holds no project gets the status error and the batch goes on. "
            + "Exit code 0 when the batch ran, whatever the scores; 2 when it could not run (no such folder, no submissions in it, a bad option).")
        {
            submissions, output, exercises, seed, timingScale, exerciseLimit, manifest, incompleteOnly,
        };
        command.SetAction(result => Run(new GradeAllOptions(
            result.GetValue(submissions)!,
            result.GetValue(output),
            result.GetValue(exercises) ?? [],
            result.GetValue(seed),
            result.GetValue(timingScale),
            TimeSpan.FromSeconds(result.GetValue(exerciseLimit)),
            result.GetValue(manifest),
            result.GetValue(incompleteOnly))));
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <param name="options">Its options.</param>
    /// <returns>The exit code: <see cref="GradeCommand.Graded"/> when the batch ran, <see cref="GradeCommand.CouldNotRun"/> on bad input.</returns>
    public static int Run(GradeAllOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var plan = GradingPlan.From(new GradeOptions(
                "starter", options.Exercises, null, null, null, null, options.Seed, options.TimingScale, options.ExerciseLimit, options.Manifest));
            var output = options.Out ?? DefaultOut(options.Submissions);
            var students = Students(options.Submissions, output);
            var kept = new List<GradebookRow>();
            if (options.IncompleteOnly)
            {
                kept = ReadGradebook(plan, Path.Combine(output.FullName, GradebookFile));
                var incomplete = kept.Where(row => row.Status == GradeReport.Incomplete).Select(row => row.Student).ToHashSet(StringComparer.Ordinal);
                students = students.Where(student => incomplete.Contains(student.Name)).ToList();
                kept = kept.Where(row => !incomplete.Contains(row.Student) || students.All(student => student.Name != row.Student)).ToList();
                GradeCommand.Progress($"Grading again the {students.Count} incomplete submission(s) of {kept.Count + students.Count}");
            }

            try
            {
                output.Create();
            }
            catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out {output.FullName}: cannot write there: {problem.Message}");
            }

            var rows = GradeEach(plan, students, output, kept);
            Summary(plan, rows, output);
            return GradeCommand.Graded;
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"gradingkit grade-all: {problem.Message}");
            return GradeCommand.CouldNotRun;
        }
    }

    /// <summary>The default output folder: beside the submissions, named after them (submissions → submissions-gradebook).</summary>
    private static DirectoryInfo DefaultOut(DirectoryInfo submissions)
    {
        var full = new DirectoryInfo(Path.TrimEndingDirectorySeparator(submissions.FullName));
        return new DirectoryInfo(Path.Combine(full.Parent?.FullName ?? full.FullName, $"{full.Name}-gradebook"));
    }

    /// <summary>The students' folders, in ordinal order of their names: every subfolder but hidden ones and the output folder.</summary>
    private static List<DirectoryInfo> Students(DirectoryInfo submissions, DirectoryInfo output)
    {
        if (!submissions.Exists)
        {
            throw new UsageException($"--submissions {submissions.FullName}: no such folder.");
        }

        var outputPath = Path.TrimEndingDirectorySeparator(output.FullName);
        var students = submissions.EnumerateDirectories()
            .Where(folder => !folder.Name.StartsWith('.') && Path.TrimEndingDirectorySeparator(folder.FullName) != outputPath)
            .OrderBy(folder => folder.Name, StringComparer.Ordinal)
            .ToList();
        return students.Count > 0
            ? students
            : throw new UsageException($"--submissions {submissions.FullName}: the folder holds no submission folders (one subfolder per student, named after the student).");
    }

    private static List<GradebookRow> GradeEach(GradingPlan plan, IReadOnlyList<DirectoryInfo> students, DirectoryInfo output, IReadOnlyList<GradebookRow> kept)
    {
        ConsoleReport.WidenWhenRedirected();
        var clock = Stopwatch.StartNew();
        var rows = kept.ToList();
        foreach (var (student, index) in students.Select((student, index) => (student, index)))
        {
            AnsiConsole.MarkupLine($"[bold][[{index + 1}/{students.Count}]] {Markup.Escape(student.Name)}[/] [grey]({Elapsed(clock.Elapsed)} elapsed)[/]");
            var row = GradeOne(plan, student, new DirectoryInfo(Path.Combine(output.FullName, student.Name)));
            rows.Add(row);
            rows.Sort((a, b) => string.CompareOrdinal(a.Student, b.Student));
            AnsiConsole.MarkupLine(row.Status is GradeReport.Graded or GradeReport.Incomplete
                ? $"  {Markup.Escape(student.Name)}: [bold]{Points(row.Total)}[/] / {Points(row.Possible)}" + (row.Status == GradeReport.Incomplete ? " [yellow](incomplete)[/]" : string.Empty)
                : $"  {Markup.Escape(student.Name)}: [red]error[/]: {Markup.Escape(row.Reason)}");
            try
            {
                WriteGradebook(plan, rows, Path.Combine(output.FullName, GradebookFile)); // after every student: an interrupted batch keeps what it graded
            }
            catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
            {
                AnsiConsole.MarkupLine($"[red]Could not write the gradebook ({Markup.Escape(problem.Message)}); it is written again after each submission, and the summary below holds every row.[/]");
            }
        }

        AnsiConsole.MarkupLine($"[grey]Graded {students.Count} submissions in {Elapsed(clock.Elapsed)}.[/]");
        return rows;
    }

    /// <summary>Grades one submission into its reports and its row; whatever goes wrong becomes an error row, never the end of the batch.</summary>
    private static GradebookRow GradeOne(GradingPlan plan, DirectoryInfo student, DirectoryInfo reports)
    {
        var clock = Stopwatch.StartNew();
        GradeReport report;
        string? notGraded = null;
        try
        {
            var project = SubmissionProject.Find(student);
            report = GradeCommand.Grade(plan, student.Name, project, line => GradeCommand.Progress($"  {line}"));
        }
        catch (Exception problem)
        {
            notGraded = problem is UsageException ? problem.Message : $"the kit failed on this submission: {problem.GetType().Name}: {problem.Message}";
            report = GradeReport.NotGraded(plan, student.Name, notGraded, "the submission was not graded", clock.Elapsed.TotalSeconds);
        }

        try
        {
            var json = new FileInfo(Path.Combine(reports.FullName, ReportJsonFile));
            Reports.Write(report, new GradeOptions(student.Name, [], json, null, null, null, null, null, plan.ExerciseLimit, null));
            var text = new FileInfo(Path.Combine(reports.FullName, ReportTextFile));
            if (notGraded is null)
            {
                ConsoleReport.WriteText(report, text);
            }
            else
            {
                File.WriteAllText(text.FullName, $"{student.Name}: the submission was not graded: {notGraded}{Environment.NewLine}");
            }
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            GradeCommand.Progress($"  could not write the reports of {student.Name} to {reports.FullName}: {problem.Message}");
        }

        return notGraded is null ? Row(plan, report) : new GradebookRow(student.Name, [], 0, report.Points, GradeReport.BuildError, notGraded);
    }

    /// <summary>The row of a submission that built and was graded, or was not: it did not build, or it breaks the API policy.</summary>
    private static GradebookRow Row(GradingPlan plan, GradeReport report)
    {
        if (report.Status is not (GradeReport.Graded or GradeReport.Incomplete))
        {
            var errors = (report.Error ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var more = errors.Length > 1 ? $" (and {errors.Length - 1} more; see {report.Implementation}/{ReportTextFile})" : string.Empty;
            var why = report.Status == GradeReport.IntegrityError ? "uses APIs the grader does not allow" : "did not build";
            return new GradebookRow(report.Implementation, [], 0, report.Points, report.Status, $"{why}: {errors.FirstOrDefault()}{more}");
        }

        var earned = plan.Exercises.Select(e => report.Exercises.Single(g => g.Id == e.Id).Earned).ToList();
        var faults = report.Exercises.Where(e => e.Fault is not null).Select(e => e.Fault!);
        var undecided = report.Undecided.Count == 0 ? [] : new[] { $"undecided, not awarded: {string.Join(", ", report.Undecided)}" };
        return new GradebookRow(report.Implementation, earned, report.Earned, report.Points, report.Status, string.Join("; ", faults.Concat(undecided)));
    }

    /// <summary>Reads a gradebook that <see cref="WriteGradebook"/> wrote for the same exercises.</summary>
    private static List<GradebookRow> ReadGradebook(GradingPlan plan, string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--incomplete-only: there is no gradebook to complete at {path}; grade the whole folder first.");
        }

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var ids = plan.Exercises.Select(e => e.Id).ToList();
        var header = csv.HeaderRecord ?? [];
        if (!header.SequenceEqual(ids.Prepend("student").Concat(["total", "possible", "status", "reason"])))
        {
            throw new UsageException($"--incomplete-only: {path} was written for other exercises ({string.Join(", ", header)}); grade with the same --exercise options.");
        }

        var rows = new List<GradebookRow>();
        while (csv.Read())
        {
            double Number(string column) => double.Parse(csv.GetField(column)!, CultureInfo.InvariantCulture);
            var earned = ids.All(id => csv.GetField(id)!.Length > 0) ? ids.Select(Number).ToList() : [];
            rows.Add(new GradebookRow(csv.GetField("student")!, earned, Number("total"), Number("possible"), csv.GetField("status")!, csv.GetField("reason")!));
        }

        return rows;
    }

    /// <summary>Writes the gradebook: student, one column per exercise, total, possible, status, reason.</summary>
    private static void WriteGradebook(GradingPlan plan, IReadOnlyList<GradebookRow> rows, string path)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("student");
        foreach (var exercise in plan.Exercises)
        {
            csv.WriteField(exercise.Id);
        }

        foreach (var column in new[] { "total", "possible", "status", "reason" })
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            csv.WriteField(row.Student);
            foreach (var index in Enumerable.Range(0, plan.Exercises.Count))
            {
                csv.WriteField(index < row.Earned.Count ? Points(row.Earned[index]) : string.Empty);
            }

            csv.WriteField(Points(row.Total));
            csv.WriteField(Points(row.Possible));
            csv.WriteField(row.Status);
            csv.WriteField(row.Reason);
            csv.NextRecord();
        }
    }

    private static void Summary(GradingPlan plan, IReadOnlyList<GradebookRow> rows, DirectoryInfo output)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("GradingKit: the gradebook").AddColumn("Student");
        foreach (var exercise in plan.Exercises)
        {
            table.AddColumn(new TableColumn(exercise.Id).RightAligned());
        }

        table.AddColumn(new TableColumn("Total").RightAligned()).AddColumn("Status");
        foreach (var row in rows)
        {
            var cells = new List<Markup> { new(Markup.Escape(row.Student)) };
            cells.AddRange(plan.Exercises.Select((_, index) => new Markup(index < row.Earned.Count ? Points(row.Earned[index]) : "-")));
            cells.Add(new Markup($"[bold]{Points(row.Total)}[/] / {Points(row.Possible)}"));
            cells.Add(row.Status is GradeReport.Graded or GradeReport.Incomplete
                ? new Markup((row.Status == GradeReport.Graded ? "[green]graded[/]" : "[yellow]incomplete[/]") + (row.Reason.Length == 0 ? string.Empty : $" [yellow]({Markup.Escape(row.Reason)})[/]"))
                : new Markup($"[red]error[/]: {Markup.Escape(row.Reason)}"));
            table.AddRow(cells);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Gradebook: [bold]{Markup.Escape(Path.Combine(output.FullName, GradebookFile))}[/]");
        AnsiConsole.MarkupLine($"Reports:   {Markup.Escape(Path.Combine(output.FullName, "<student>", ReportTextFile))} (the score table) and {ReportJsonFile} (every check)");
    }

    private static string Points(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Elapsed(TimeSpan elapsed) => $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}";
}
