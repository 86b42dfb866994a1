using System.Globalization;
using Spectre.Console;

namespace GradingKit.Cli;

/// <summary>The score table on the console: exercise, points, each check's verdict, measurements and hints, then the total.</summary>
public static class ConsoleReport
{
    private const int RedirectedWidth = 160;

    /// <summary>Writes the table on the console.</summary>
    /// <param name="report">The grading run.</param>
    public static void Write(GradeReport report)
    {
        WidenWhenRedirected();
        Write(report, AnsiConsole.Console);
    }

    /// <summary>Widens the console to 160 columns when the output goes to a log (CI, Classroom), which would wrap tables at 80.</summary>
    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, RedirectedWidth);
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

        var table = new Table().Border(TableBorder.Rounded).Expand()
            .Title($"GradingKit: {Markup.Escape(report.Implementation)}, P = {report.Processors}")
            .Caption(Markup.Escape(report.Sandbox))
            .AddColumn("Exercise").AddColumn(new TableColumn("Points").RightAligned()).AddColumn("Check").AddColumn("Verdict").AddColumn("Details");
        foreach (var exercise in report.Exercises)
        {
            var first = true;
            foreach (var check in exercise.Checks)
            {
                table.AddRow(
                    first ? new Markup($"[bold]{exercise.Id}[/] {Markup.Escape(exercise.Title)}") : Text.Empty,
                    first ? new Markup($"[bold]{Points(exercise.Earned)}[/] / {Points(exercise.Points)}") : Text.Empty,
                    new Text($"{check.Test} ({Points(check.Earned)}/{Points(check.Points)})"),
                    Verdict(check.Verdict),
                    new Text(Details(exercise, check)));
                first = false;
            }

            if (exercise.Fault is not null)
            {
                table.AddRow(Text.Empty, Text.Empty, new Markup("[red]fault[/]"), new Markup("[red]lost[/]"), new Text(exercise.Fault));
            }

            table.AddEmptyRow();
        }

        table.AddRow(new Markup("[bold]Total[/]"), new Markup($"[bold]{Points(report.Earned)}[/] / {Points(report.Points)}"), Text.Empty, Text.Empty, new Text($"{report.Seconds:0.0} s"));
        console.Write(table);
        if (report.IncompleteBecause is { } incomplete)
        {
            console.Write(new Panel(Markup.Escape(incomplete)).Header("Incomplete").BorderColor(Color.Yellow).Expand());
        }
    }

    private static string Details(ExerciseGrade exercise, CheckGrade check)
    {
        var failing = check.Cases.Where(c => c.Verdict != Cli.Verdict.Passed).Select(c => $"{c.Name}: {c.Message}".Trim());
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
}
