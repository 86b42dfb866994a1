using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Spectre.Console;

namespace GradingKit.Cli;

/// <summary>The options of the grade-all command.</summary>
/// <param name="Submissions">The folder of submissions, one subfolder per student.</param>
/// <param name="Settings">The grading's settings, the same for every student.</param>
public sealed record GradeAllOptions(DirectoryInfo Submissions, GradingSettings Settings)
{
    /// <summary>Where the gradebook and the students' reports go; null for the folder beside the submissions.</summary>
    public DirectoryInfo? Out { get; init; }

    /// <summary>Grade again only the students whose row in the existing gradebook is incomplete, keeping every other row.</summary>
    public bool IncompleteOnly { get; init; }

    /// <summary>Grade only one shard of the class, as I/N (<see cref="Cli.Shard"/>), into a part that the merge command joins; null for the whole class.</summary>
    public string? Shard { get; init; }
}

/// <summary>One row of the gradebook: a student's points per exercise, the total, and whether the submission could be graded.</summary>
/// <param name="Student">The student: the name of the submission's folder.</param>
/// <param name="Earned">The points per exercise, in the plan's order; empty when the submission could not be graded.</param>
/// <param name="Total">The points earned.</param>
/// <param name="Possible">The points possible.</param>
/// <param name="Status">graded; incomplete (timing checks undecided, not awarded); error (not built, no project, the kit failed); integrity (APIs the grader does not allow);
/// not graded (in a merged gradebook: the student's shard died before grading them).</param>
/// <param name="Reason">Why it is an error; for a graded submission, the faults of its exercises, if any.</param>
public sealed record GradebookRow(string Student, IReadOnlyList<double> Earned, double Total, double Possible, GradeStatus Status, string Reason);

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

    /// <summary>Makes the command, sharing the grade command's settings, which apply to every submission.</summary>
    /// <param name="settings">The grading settings' options.</param>
    /// <returns>The command.</returns>
    public static Command Create(GradingSettingOptions settings)
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
        var shard = new Option<string?>("--shard")
        {
            Description = "Grade only shard I of N (for example 3/10) of the class: the students whose name's SHA-256 modulo N is I - 1, "
                + "a split that never moves a student when others are added. The output folder (default: <submissions>-gradebook-shard-I-of-N) "
                + "is a part that the merge command joins with the others into one gradebook.",
        };
        var command = new Command(
            "grade-all",
            "Grade every submission in a folder, one after another, into a gradebook CSV and a report per student. "
            + "A submission that does not build or holds no project gets the status error and the batch goes on. "
            + "Exit code 0 when the batch ran, whatever the scores; 2 when it could not run (no such folder, no submissions in it, a bad option).")
        {
            submissions, output,
        };
        settings.AddTo(command);
        command.Options.Add(incompleteOnly);
        command.Options.Add(shard);
        command.SetAction(result => Run(new GradeAllOptions(result.GetValue(submissions)!, settings.Read(result))
        {
            Out = result.GetValue(output),
            IncompleteOnly = result.GetValue(incompleteOnly),
            Shard = result.GetValue(shard),
        }));
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
            using var batch = new BuildBatch();
            var plan = GradingPlan.From(options.Settings) with { Batch = batch };
            var shard = options.Shard is null ? null : Cli.Shard.Parse(options.Shard);
            var output = options.Out ?? DefaultOut(options.Submissions, shard);
            var students = Students(options.Submissions, output);
            var roster = students.Select(student => student.Name).ToList();
            GradeCommand.Progress($"Grading hosts: {Cli.Sandbox.Description}");
            if (shard is not null)
            {
                students = students.Where(student => shard.Holds(student.Name)).ToList();
                GradeCommand.Progress($"Shard {shard}: {students.Count} of the class's {roster.Count} submission(s)");
            }

            var kept = new List<GradebookRow>();
            if (options.IncompleteOnly)
            {
                kept = ReadGradebook(plan.Exercises.Select(e => e.Id).ToList(), Path.Combine(output.FullName, GradebookFile), "--incomplete-only");
                var incomplete = kept.Where(row => row.Status == GradeStatus.Incomplete).Select(row => row.Student).ToHashSet(StringComparer.Ordinal);
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

            var part = shard is null ? null : Part(plan, options, shard, roster);
            part?.Write(output.FullName);
            var rows = GradeIncompleteAgain(plan, students, output, GradeEach(plan, students, output, kept));

            if (part is not null)
            {
                (part with { Finished = true }).Write(output.FullName);
            }

            Summary(plan.Exercises.Select(e => e.Id).ToList(), rows, output);
            return GradeCommand.Graded;
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"gradingkit grade-all: {problem.Message}");
            return GradeCommand.CouldNotRun;
        }
    }

    /// <summary>The default output folder: beside the submissions, named after them (submissions → submissions-gradebook; a shard's → submissions-gradebook-shard-3-of-10).</summary>
    private static DirectoryInfo DefaultOut(DirectoryInfo submissions, Shard? shard)
    {
        var full = new DirectoryInfo(Path.TrimEndingDirectorySeparator(submissions.FullName));
        var suffix = shard is null ? string.Empty : $"-shard-{shard.Index}-of-{shard.Count}";
        return new DirectoryInfo(Path.Combine(full.Parent?.FullName ?? full.FullName, $"{full.Name}-gradebook{suffix}"));
    }

    /// <summary>The description of a shard's part, before it grades: the kit and manifest, the whole class, its own students.</summary>
    private static ShardPart Part(GradingPlan plan, GradeAllOptions options, Shard shard, IReadOnlyList<string> roster) => new(
        ShardPart.CurrentFormat,
        shard.Index,
        shard.Count,
        KitIdentity.KitHash(plan.Kit),
        KitIdentity.ManifestHash(options.Settings.Manifest?.FullName ?? Path.Combine(plan.Kit, Manifest.FileName)),
        plan.Exercises.Select(e => e.Id).ToList(),
        plan.Exercises.Sum(e => e.Points),
        roster,
        roster.Where(shard.Holds).ToList(),
        Finished: false)
    {
        Sandbox = Cli.Sandbox.Description,
    };

    /// <summary>
    /// Grades once more, before the run ends, the students whose timing checks stayed undecided (each
    /// grading already measured them twice): a burst of load may have passed. Their new rows replace the old.
    /// </summary>
    private static List<GradebookRow> GradeIncompleteAgain(GradingPlan plan, IReadOnlyList<DirectoryInfo> students, DirectoryInfo output, List<GradebookRow> rows)
    {
        var incomplete = rows.Where(row => row.Status == GradeStatus.Incomplete).Select(row => row.Student).ToHashSet(StringComparer.Ordinal);
        var again = students.Where(student => incomplete.Contains(student.Name)).ToList();
        if (again.Count == 0)
        {
            return rows;
        }

        GradeCommand.Progress($"{again.Count} submission(s) incomplete (timing checks this machine could not decide): grading them once more before the run ends");
        var graded = again.Select(student => student.Name).ToHashSet(StringComparer.Ordinal);
        return GradeEach(plan, again, output, rows.Where(row => !graded.Contains(row.Student)).ToList());
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
        var ids = plan.Exercises.Select(e => e.Id).ToList();
        foreach (var (student, index) in students.Select((student, index) => (student, index)))
        {
            AnsiConsole.MarkupLine($"[bold][[{index + 1}/{students.Count}]] {Markup.Escape(student.Name)}[/] [grey]({Elapsed(clock.Elapsed)} elapsed)[/]");
            var row = GradeOne(plan, student, new DirectoryInfo(Path.Combine(output.FullName, student.Name)));
            rows.Add(row);
            rows.Sort((a, b) => string.CompareOrdinal(a.Student, b.Student));
            AnsiConsole.MarkupLine(row.Status.WasGraded()
                ? $"  {Markup.Escape(student.Name)}: [bold]{Points(row.Total)}[/] / {Points(row.Possible)}" + (row.Status == GradeStatus.Incomplete ? " [yellow](incomplete)[/]" : string.Empty)
                : $"  {Markup.Escape(student.Name)}: [red]error[/]: {Markup.Escape(row.Reason)}");
            try
            {
                WriteGradebook(ids, rows, Path.Combine(output.FullName, GradebookFile)); // after every student: an interrupted batch keeps what it graded
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
            Reports.Write(report, new ReportFiles { Json = json });
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

        return notGraded is null ? Row(plan, report) : new GradebookRow(student.Name, [], 0, report.Points, GradeStatus.Error, notGraded);
    }

    /// <summary>The row of a submission that built and was graded, or was not: it did not build, or it breaks the API policy.</summary>
    private static GradebookRow Row(GradingPlan plan, GradeReport report)
    {
        if (!report.Status.WasGraded())
        {
            var errors = (report.Error ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var more = errors.Length > 1 ? $" (and {errors.Length - 1} more; see {report.Implementation}/{ReportTextFile})" : string.Empty;
            var why = report.Status == GradeStatus.Integrity ? "uses APIs the grader does not allow" : "did not build";
            return new GradebookRow(report.Implementation, [], 0, report.Points, report.Status, $"{why}: {errors.FirstOrDefault()}{more}");
        }

        var earned = plan.Exercises.Select(e => report.Exercises.Single(g => g.Id == e.Id).Earned).ToList();
        var faults = report.Exercises.Where(e => e.Fault is not null).Select(e => e.Fault!);
        var undecided = report.Undecided.Count == 0 ? [] : new[] { $"undecided, not awarded: {string.Join(", ", report.Undecided)}" };
        return new GradebookRow(report.Implementation, earned, report.Earned, report.Points, report.Status, string.Join("; ", faults.Concat(undecided)));
    }

    /// <summary>Reads a gradebook that <see cref="WriteGradebook"/> wrote for the same exercises.</summary>
    /// <param name="ids">The exercises' ids, its columns.</param>
    /// <param name="path">The gradebook.</param>
    /// <param name="reader">Who reads it, for the messages: --incomplete-only, or the merge.</param>
    /// <returns>Its rows.</returns>
    /// <exception cref="UsageException">No such file, or it was written for other exercises.</exception>
    internal static List<GradebookRow> ReadGradebook(IReadOnlyList<string> ids, string path, string reader)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{reader}: there is no gradebook to complete at {path}; grade the whole folder first.");
        }

        using var text = new StreamReader(path);
        using var csv = new CsvReader(text, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        if (!header.SequenceEqual(ids.Prepend("student").Concat(["total", "possible", "status", "reason"])))
        {
            throw new UsageException($"{reader}: {path} was written for other exercises ({string.Join(", ", header)}); grade with the same --exercise options.");
        }

        var rows = new List<GradebookRow>();
        while (csv.Read())
        {
            double Number(string column) => double.Parse(csv.GetField(column)!, CultureInfo.InvariantCulture);
            var earned = ids.All(id => csv.GetField(id)!.Length > 0) ? ids.Select(Number).ToList() : [];
            var status = GradeStatuses.Parse(csv.GetField("status")!)
                ?? throw new UsageException($"{reader}: {path} gives {csv.GetField("student")} the status \"{csv.GetField("status")}\", which the kit does not write.");
            rows.Add(new GradebookRow(csv.GetField("student")!, earned, Number("total"), Number("possible"), status, csv.GetField("reason")!));
        }

        return rows;
    }

    /// <summary>Writes the gradebook: student, one column per exercise, total, possible, status, reason.</summary>
    /// <param name="ids">The exercises' ids, its columns.</param>
    /// <param name="rows">Its rows, in order.</param>
    /// <param name="path">The file.</param>
    internal static void WriteGradebook(IReadOnlyList<string> ids, IReadOnlyList<GradebookRow> rows, string path)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("student");
        foreach (var id in ids)
        {
            csv.WriteField(id);
        }

        foreach (var column in new[] { "total", "possible", "status", "reason" })
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            csv.WriteField(row.Student);
            foreach (var index in Enumerable.Range(0, ids.Count))
            {
                csv.WriteField(index < row.Earned.Count ? Points(row.Earned[index]) : string.Empty);
            }

            csv.WriteField(Points(row.Total));
            csv.WriteField(Points(row.Possible));
            csv.WriteField(row.Status.Text());
            csv.WriteField(row.Reason);
            csv.NextRecord();
        }
    }

    /// <summary>Prints the gradebook as a table, and where its files are.</summary>
    /// <param name="ids">The exercises' ids.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="output">The folder of the gradebook and the reports.</param>
    internal static void Summary(IReadOnlyList<string> ids, IReadOnlyList<GradebookRow> rows, DirectoryInfo output)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("GradingKit: the gradebook").AddColumn("Student");
        foreach (var id in ids)
        {
            table.AddColumn(new TableColumn(id).RightAligned());
        }

        table.AddColumn(new TableColumn("Total").RightAligned()).AddColumn("Status");
        foreach (var row in rows)
        {
            var cells = new List<Markup> { new(Markup.Escape(row.Student)) };
            cells.AddRange(ids.Select((_, index) => new Markup(index < row.Earned.Count ? Points(row.Earned[index]) : "-")));
            cells.Add(new Markup($"[bold]{Points(row.Total)}[/] / {Points(row.Possible)}"));
            cells.Add(row.Status.WasGraded()
                ? new Markup($"[{(row.Status == GradeStatus.Graded ? "green" : "yellow")}]{row.Status.Text()}[/]" + (row.Reason.Length == 0 ? string.Empty : $" [yellow]({Markup.Escape(row.Reason)})[/]"))
                : new Markup($"[red]{row.Status.Text()}[/]: {Markup.Escape(row.Reason)}"));
            table.AddRow(cells);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Gradebook: [bold]{Markup.Escape(Path.Combine(output.FullName, GradebookFile))}[/]");
        AnsiConsole.MarkupLine($"Reports:   {Markup.Escape(Path.Combine(output.FullName, "<student>", ReportTextFile))} (the score table) and {ReportJsonFile} (every check)");
    }

    /// <summary>Points as the gradebook writes them: up to two decimals, invariant.</summary>
    /// <param name="points">The points.</param>
    /// <returns>The text.</returns>
    internal static string Points(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Elapsed(TimeSpan elapsed) => $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}";
}
