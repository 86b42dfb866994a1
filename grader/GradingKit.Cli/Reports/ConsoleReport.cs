using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace GradingKit.Cli;

/// <summary>The score table on the console: exercise, points, each check's verdict, measurements and hints, then the total.</summary>
public static partial class ConsoleReport
{
    private const int RedirectedWidth = 160;

    /// <summary>Writes the table on the console.</summary>
    /// <param name="report">The grading run.</param>
    public static void Write(GradeReport report)
    {
        WidenWhenRedirected();
        Write(report, AnsiConsole.Console);
    }

    /// <summary>
    /// Widens the console to 160 columns when the output goes to a log (CI, Classroom), which would wrap
    /// tables at 80; or to the width that COLUMNS names, as a shell's scripts set it.
    /// </summary>
    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0
                ? columns
                : Math.Max(AnsiConsole.Profile.Width, RedirectedWidth);
        }
    }

    /// <summary>Writes the table as plain text, as wide as a redirected console's, without colours.</summary>
    /// <param name="report">The grading run.</param>
    /// <param name="file">The text file.</param>
    public static void WriteText(GradeReport report, FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.Directory?.Create();
        using var writer = new StreamWriter(file.FullName);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = RedirectedWidth;
        Write(report, console);
    }

    private static void Write(GradeReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);

        if (report.NotGradedBecause is { } why)
        {
            console.Write(new Panel(Markup.Escape(report.Error ?? string.Empty)).Header(Markup.Escape(why)).BorderColor(Color.Red).Expand());
        }

        // Three columns, each check's details under its name: the table reads in a terminal of 100 columns, and a name wraps between its words.
        var table = new Table().Border(TableBorder.Rounded).Expand()
            .Title($"GradingKit: {Markup.Escape(report.Implementation)}, P = {report.Processors}")
            .Caption(Markup.Escape(report.Sandbox))
            .AddColumn("Exercise and check").AddColumn(new TableColumn("Points").RightAligned().NoWrap()).AddColumn(new TableColumn("Verdict").NoWrap());
        foreach (var exercise in report.Exercises)
        {
            var title = new Markup($"[bold]{exercise.Id}[/] {Markup.Escape(exercise.Title)}");
            var points = new Markup($"[bold]{Points(exercise.Earned)}[/] / {Points(exercise.Points)}");
            if (NotImplementedYet(exercise) is { } notImplemented)
            {
                table.AddRow(new Rows(title, Indented(notImplemented, 2)), points, Verdict(Cli.Verdict.Failed));
                table.AddEmptyRow();
                continue;
            }

            table.AddRow(title, points, Text.Empty);
            foreach (var check in exercise.Checks)
            {
                var details = Details(exercise, check);
                table.AddRow(
                    details.Length == 0 ? Indented(Words(check.Test), 2) : new Rows(Indented(Words(check.Test), 2), Indented(details, 4)),
                    new Text($"{Points(check.Earned)} / {Points(check.Points)}"),
                    Verdict(check.Verdict));
            }

            if (exercise.Fault is not null)
            {
                table.AddRow(Indented($"fault: {exercise.Fault}", 2), Text.Empty, new Markup("[red]lost[/]"));
            }

            table.AddEmptyRow();
        }

        table.AddRow(new Markup($"[bold]Total[/] ({report.Seconds:0.0} s)"), new Markup($"[bold]{Points(report.Earned)}[/] / {Points(report.Points)}"), Text.Empty);
        console.Write(table);
        if (report.IncompleteBecause is { } incomplete)
        {
            console.Write(new Panel(Markup.Escape(incomplete)).Header("Incomplete").BorderColor(Color.Yellow).Expand());
        }
    }

    private static Padder Indented(string text, int columns) => new Padder(new Text(text)).Padding(columns, 0, 0, 0);

    // A check's name reads as a sentence, and wraps between its words, not inside one.
    private static string Words(string name) => name.Replace('_', ' ');

    // The row above names the check: a case adds only its arguments, where it has any.
    private static string CaseOf(CheckGrade check, CaseResult result) =>
        result.Name == check.Test ? string.Empty
        : result.Name.StartsWith(check.Test, StringComparison.Ordinal) ? $"{result.Name[check.Test.Length..]}: "
        : $"{Words(result.Name)}: ";

    /// <summary>
    /// For an exercise that is not implemented at all (every case of every check failed with the stub's
    /// NotImplementedException), the one line that says so and what to write; null for any other.
    /// </summary>
    private static string? NotImplementedYet(ExerciseGrade exercise)
    {
        var cases = exercise.Checks.SelectMany(c => c.Cases).ToList();
        if (exercise.Fault is not null || cases.Count == 0
            || !cases.All(c => c.Verdict == Cli.Verdict.Failed && c.Message.StartsWith(NotImplemented.Prefix, StringComparison.Ordinal)))
        {
            return null;
        }

        var stubs = cases.Select(c => StubMessage().Match(c.Message)).Where(m => m.Success).ToList();
        var members = stubs.Select(m => m.Groups["member"].Value).Distinct().ToList();
        var files = stubs.Select(m => m.Groups["file"].Value).Distinct().ToList();
        return members.Count == 0
            ? "not implemented yet: its code throws NotImplementedException."
            : $"not implemented yet: write {string.Join(" and ", members)} in {string.Join(" and ", files)}.";
    }

    private static string Details(ExerciseGrade exercise, CheckGrade check)
    {
        var failing = check.Cases.Where(c => c.Verdict != Cli.Verdict.Passed).Select(c => $"{CaseOf(check, c)}{c.Message}".Trim());
        var timing = check.Cases.Where(c => c.Verdict == Cli.Verdict.Passed)
            .SelectMany(c => c.Output.Split('\n'))
            .Where(line => line.StartsWith("Attempt", StringComparison.Ordinal))
            .Select(line => line.Trim());
        var lines = failing.Concat(timing).Append(check.Note ?? string.Empty).Where(line => line.Length > 0);
        return exercise.Fault is not null && check.Cases.Count == 0 ? string.Empty : string.Join(Environment.NewLine, lines);
    }

    private static Markup Verdict(Verdict verdict) => verdict switch
    {
        Cli.Verdict.Passed => new Markup("[green]passed[/]"),
        Cli.Verdict.Failed => new Markup("[red]failed[/]"),
        Cli.Verdict.Inconclusive => new Markup("[yellow]undecided[/]"),
        _ => new Markup("[grey]not run[/]"),
    };

    private static string Points(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    // The starter's stub message (starter/GradingKit.Starter/NotDone.cs).
    [GeneratedRegex(@"(?<member>\w+\.\w+) is not implemented yet\. Write it in (?<file>\w+\.\w+\.cs)")]
    private static partial Regex StubMessage();
}
