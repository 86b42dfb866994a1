using System.Globalization;
using System.Net;
using System.Text;

namespace GradingKit.Cli;

/// <summary>
/// One self-contained HTML page of a grading run (grade --html): the score table, every check's
/// message, and for every timing check an SVG timeline of the attempt that decided it, the run's
/// threads above the ideal schedule of the same work. No script, font or image from elsewhere.
/// </summary>
public static class HtmlReport
{
    private const int Plot = 640; // the width of a timeline's time axis, in pixels
    private const int Label = 130;
    private const int RowHeight = 16;

    /// <summary>The page.</summary>
    /// <param name="report">The grading run.</param>
    /// <returns>The HTML.</returns>
    public static string Of(GradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        var title = $"GradingKit: {Whole(report.Earned)} / {Whole(report.Points)}";
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine(CultureInfo.InvariantCulture, $"<title>{E(title)} ({E(report.Implementation)})</title>")
            .AppendLine("<style>")
            .AppendLine("body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}")
            .AppendLine("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}")
            .AppendLine("pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:85%}")
            .AppendLine(".passed{color:#1a7f37}.failed,.error,.integrity{color:#cf222e}.undecided,.not-run{color:#9a6700}")
            .AppendLine("svg text{font-family:monospace;font-size:11px}")
            .AppendLine("</style></head><body>")
            .AppendLine(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>")
            .AppendLine(CultureInfo.InvariantCulture, $"<p>{E(report.Implementation)}: status {E(report.Status.Text())}, P = {report.Processors}, graded in {report.Seconds:0} s.</p>");
        foreach (var reason in new[] { report.NotGradedBecause, report.Error, report.IncompleteBecause }.OfType<string>())
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<pre>{E(reason)}</pre>");
        }

        html.AppendLine("<table><tr><th>Check</th><th>Status</th><th>Points</th></tr>");
        foreach (var exercise in report.Exercises)
        {
            foreach (var check in exercise.Checks)
            {
                var status = Reports.StatusOf(report, exercise, check);
                html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{Anchor(exercise, check)}\">{E(exercise.Id)} {E(check.Test)}</a></td><td class=\"{Css(status)}\">{E(status)}</td><td>{Whole(check.Earned)} / {Whole(check.Points)}</td></tr>");
            }
        }

        html.AppendLine("</table>");
        foreach (var exercise in report.Exercises)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<h2>{E(exercise.Id)} {E(exercise.Title)}: {Whole(exercise.Earned)} / {Whole(exercise.Points)}</h2>");
            if (exercise.Fault is { } fault)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<pre>{E(fault)}</pre>");
            }

            foreach (var check in exercise.Checks)
            {
                var status = Reports.StatusOf(report, exercise, check);
                html.AppendLine(CultureInfo.InvariantCulture, $"<h3 id=\"{Anchor(exercise, check)}\">{E(check.Test)}: <span class=\"{Css(status)}\">{E(status)}</span></h3>");
                var message = Reports.MessageOf(report, exercise, check);
                if (message.Length > 0)
                {
                    html.AppendLine(CultureInfo.InvariantCulture, $"<pre>{E(message)}</pre>");
                }

                foreach (var picture in check.Cases.Select(c => c.Picture).OfType<TimedPicture>())
                {
                    html.AppendLine(Svg(picture));
                }
            }
        }

        return html.AppendLine("</body></html>").ToString();
    }

    /// <summary>A timeline as SVG: a row per thread of the run (grey while the call ran, a bar per task; or a row per CPU's worth of its computing), then a row per worker of the ideal, on one time axis.</summary>
    /// <param name="picture">The attempt's picture.</param>
    /// <returns>The figure, an &lt;svg&gt; in a &lt;figure&gt;.</returns>
    public static string Svg(TimedPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var computing = picture.Run.Computing;
        var run = picture.Run.Rows;
        var (rowWord, workerWord) = (picture.Run.RowName, picture.Run.IdealRowName);
        var ideal = picture.Ideal ?? [];
        var end = Math.Max(picture.Run.End(ideal).TotalMilliseconds, 1);
        var step = Timeline.Unit(TimeSpan.FromMilliseconds(end), 10).TotalMilliseconds;
        var rows = run.Count + ideal.Count;
        var height = ((rows + 1) * RowHeight) + 24;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Label + Plot + 20}\" height=\"{height}\" role=\"img\">")
            .AppendLine(CultureInfo.InvariantCulture, $"<title>Attempt {picture.Attempt}: {run.Count} {rowWord}(s) of your run above the ideal schedule on {ideal.Count} {workerWord}(s)</title>");
        for (var tick = 0.0; tick <= end + 1e-9; tick += step)
        {
            var x = X(tick, end);
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"0\" x2=\"{x:0.#}\" y2=\"{height - 16}\" stroke=\"#ddd\"/><text x=\"{x:0.#}\" y=\"{height - 4}\" text-anchor=\"middle\">{Ms(tick)}</text>");
        }

        var y = 0;
        for (var row = 0; row < run.Count; row++, y += RowHeight)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 12}\">{(row == 0 ? "your run " : string.Empty)}{rowWord} {row + 1}</text>")
                .AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{y + 5}\" width=\"{X(picture.Run.Length.TotalMilliseconds, end) - Label:0.#}\" height=\"6\" fill=\"#e6e6e6\"/>");
            Bars(svg, run[row], y, end, "#0969da", "#54aeff");
        }

        y += RowHeight;
        for (var row = 0; row < ideal.Count; row++, y += RowHeight)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 12}\">{(row == 0 ? "ideal " : string.Empty)}{workerWord} {row + 1}</text>");
            Bars(svg, ideal[row], y, end, "#1a7f37", "#4ac26b");
        }

        return svg.AppendLine("</svg>")
            .AppendLine(CultureInfo.InvariantCulture, $"<figcaption>Attempt {picture.Attempt}: {(computing ? "a row per CPU's worth of your code's computing, as the witness of spread saw it window by window (blue: your run, grey while your call ran; green: the ideal, P CPUs busy)" : "a bar is one of the grader's tasks (blue: your run, a row per thread, grey while your call ran; green: the ideal schedule)")}.</figcaption></figure>")
            .ToString();
    }

    private static void Bars(StringBuilder svg, IReadOnlyList<TimelineSpan> spans, int y, double end, string color, string other)
    {
        var index = 0;
        foreach (var span in spans.OrderBy(span => span.Start))
        {
            var x = X(span.Start.TotalMilliseconds, end);
            var width = Math.Max(1, X(span.End.TotalMilliseconds, end) - x);
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y + 2}\" width=\"{width:0.#}\" height=\"12\" fill=\"{(index++ % 2 == 0 ? color : other)}\"><title>{Ms(span.Start.TotalMilliseconds)} to {Ms(span.End.TotalMilliseconds)}</title></rect>");
        }
    }

    private static double X(double milliseconds, double end) => Label + (Plot * milliseconds / end);

    private static string Ms(double milliseconds) => milliseconds >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.##} s")
        : string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.#} ms");

    private static string Anchor(ExerciseGrade exercise, CheckGrade check) => $"{exercise.Id}-{check.Test}";

    private static string Css(string status) => status.Replace(' ', '-');

    private static string Whole(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
