using System.Globalization;
using System.Text.Json;
using Spectre.Console;

// Grades the reference and the mistakes' submissions with the timing log on, then prints, for every
// timing check: n, t, workers, P, ideal, limit, the reference's measurement, the mistake's, and the
// two separation ratios (limit / reference, mistake / limit).
var log = Directory.CreateTempSubdirectory("gradingkit-margins-");
AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 190); // the table is wide; redirected output would wrap it at 80
try
{
    var runs = new List<(string Who, string Implementation, IReadOnlyList<string> Exercises)> { ("reference", "reference", []) };
    foreach (var name in new[] { "Sequential", "BusyWaitJoin" })
    {
        runs.Add((name, Submissions.Build(name), Submissions.Expected(name).Exercises));
    }

    var attempts = new List<LoggedAttempt>();
    await AnsiConsole.Status().StartAsync("Grading", async status =>
    {
        foreach (var (who, implementation, exercises) in runs)
        {
            status.Status($"Grading {who} (the timing checks only)");
            var file = Path.Combine(log.FullName, $"{who}.jsonl");
            await Task.Run(() => GraderRun.Run(implementation, exercises, new Dictionary<string, string>
            {
                [RunParameters.TimingLog] = file,
            }));
            attempts.AddRange(File.ReadLines(file).Select(line => JsonSerializer.Deserialize<LoggedAttempt>(line, JsonSerializerOptions.Web)! with { Who = who }));
        }
    });

    var mistakes = runs.Skip(1).ToDictionary(run => run.Who, run => Submissions.Expected(run.Who));
    var table = new Table().Border(TableBorder.Rounded).Title($"Timing margins, P = {Environment.ProcessorCount}");
    foreach (var column in new[] { "check", "measures", "n", "t", "k", "ideal", "limit", "reference", "mistake", "by", "limit / ref", "mistake / limit" })
    {
        table.AddColumn(column);
    }

    foreach (var check in attempts.Where(a => a.Who == "reference").GroupBy(a => a.Check))
    {
        var reference = check.MinBy(a => a.MeasuredMs)!;
        var name = ShortName(check.Key);
        var mistake = attempts
            .Where(a => a.Check == check.Key && a.Who != "reference" && mistakes[a.Who].Failures.Keys.Any(key => name == key || name.StartsWith(key + "(", StringComparison.Ordinal)))
            .MinBy(a => a.MeasuredMs);
        var limitOverReference = reference.LimitMs / reference.MeasuredMs;
        var mistakeOverLimit = mistake is null ? (double?)null : mistake.MeasuredMs / mistake.LimitMs;
        table.AddRow(
            Markup.Escape(name),
            reference.Quantity,
            $"{reference.Tasks?.ToString(CultureInfo.InvariantCulture) ?? "-"}",
            Ms(reference.TaskMs),
            $"{reference.Workers?.ToString(CultureInfo.InvariantCulture) ?? "-"}",
            Ms(reference.IdealMs),
            Ms(reference.LimitMs),
            Ms(reference.MeasuredMs),
            Ms(mistake?.MeasuredMs),
            mistake?.Who ?? "-",
            Ratio(limitOverReference),
            mistakeOverLimit is { } ratio ? Ratio(ratio) : "-");
    }

    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine(
        $"Ratios below {Thresholds.Timing.ConclusiveRatio} are [yellow]yellow[/]. Where the mistake is sequential execution and the "
        + "ideal allows only a speed-up of P = 2, the two ratios multiply to at most 2, so both cannot reach 1.5.");

    // The witnesses of parallelism, which decide where the wall time cannot: what each saw of the reference and of the mistake.
    var witnesses = new Table().Border(TableBorder.Rounded).Title($"Witnesses of parallelism, P = {Environment.ProcessorCount}")
        .AddColumn("check").AddColumn("reference").AddColumn("mistake").AddColumn("by");
    foreach (var check in attempts.Where(a => a.Who == "reference" && a.Witness is not null).GroupBy(a => a.Check))
    {
        var name = ShortName(check.Key);
        var mistake = attempts.FirstOrDefault(a => a.Check == check.Key && a.Who != "reference" && a.Witness is not null);
        witnesses.AddRow(
            Markup.Escape(name),
            Markup.Escape(string.Join("; ", check.Select(a => a.Witness!.Replace("witness: ", string.Empty, StringComparison.Ordinal)).Distinct())),
            Markup.Escape(mistake?.Witness?.Replace("witness: ", string.Empty, StringComparison.Ordinal) ?? "-"),
            mistake?.Who ?? "-");
    }

    AnsiConsole.Write(witnesses);
    AnsiConsole.MarkupLine(
        $"A call counts as parallel when, over windows of at least {Thresholds.Witness.Window.TotalMilliseconds:0} ms, its threads together ran at least {Thresholds.Witness.ParallelSpread} x the busiest thread's CPU time, for {Thresholds.Witness.ParallelShare:P0} of the time observed or more, "
        + "or with as many of the grader's tasks in flight at once as it expects.");
    return 0;
}
finally
{
    log.Delete(recursive: true);
}

static string ShortName(string fullName)
{
    // GradingKit.Grader.E05_PoolSize.Takes_about(3 workers) -> E05.Takes_about(3 workers)
    var open = fullName.IndexOf('(', StringComparison.Ordinal);
    var path = open < 0 ? fullName : fullName[..open];
    var parts = path.Split('.');
    return $"{parts[^2][..3]}.{parts[^1]}{(open < 0 ? string.Empty : fullName[open..])}";
}

static string Ms(double? milliseconds) => milliseconds is { } ms ? Durations.Format(TimeSpan.FromMilliseconds(ms)) : "-";

static string Ratio(double ratio) =>
    ratio >= Thresholds.Timing.ConclusiveRatio
        ? ratio.ToString("0.00", CultureInfo.InvariantCulture)
        : $"[yellow]{ratio.ToString("0.00", CultureInfo.InvariantCulture)}[/]";

/// <summary>One line of the grader's timing log.</summary>
internal sealed record LoggedAttempt(
    string Check, string Quantity, int? Tasks, double? TaskMs, int? Workers, double IdealMs, double LimitMs, double MeasuredMs, bool Passed, string? Witness = null)
{
    public string Who { get; init; } = string.Empty;
}
