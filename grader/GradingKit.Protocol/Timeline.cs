using System.Globalization;
using System.Text;

namespace GradingKit.Protocol;

/// <summary>One of the grader's tasks in a timed run: on which thread it ran, and from when to when (since the run began).</summary>
/// <param name="Thread">The managed id of the thread it ran on.</param>
/// <param name="Start">When it started.</param>
/// <param name="End">When it ended.</param>
public sealed record TimelineSpan(int Thread, TimeSpan Start, TimeSpan End);

/// <summary>The picture a timing check keeps of the attempt that decided it: the run's timeline and the ideal schedule of its work.</summary>
/// <param name="Attempt">Which attempt (1, 2 or 3).</param>
/// <param name="Run">When the grader's tasks ran, and on which threads.</param>
/// <param name="Ideal">The ideal schedule, a row per worker; null where there is none.</param>
public sealed record TimedPicture(int Attempt, Timeline Run, IReadOnlyList<IReadOnlyList<TimelineSpan>>? Ideal)
{
    /// <summary>The text picture, as a failing check's message shows it under its attempts.</summary>
    /// <returns>The lines; none where no task was recorded.</returns>
    public IReadOnlyList<string> Draw()
    {
        var lines = Run.Draw(Ideal);
        return lines.Count == 0 ? [] : [$"attempt {Attempt}'s {lines[0]}", .. lines.Skip(1)];
    }
}

/// <summary>
/// A picture of a timed run: when each of the grader's tasks ran, and on which thread, drawn as text
/// (a row per thread, at most <see cref="Width"/> columns) above the ideal schedule of the same work,
/// so that "one after another" or "eight at once instead of two" is seen, not only read. The grader
/// records it while a timed call runs; the reports draw it.
/// </summary>
/// <param name="Spans">The tasks, in the order they ended.</param>
/// <param name="Length">How long the call ran.</param>
/// <param name="Computing">
/// Whether the rows are not threads running the grader's tasks but CPUs' worth of the call's own
/// computing, as the witness of spread saw it a window at a time: row k is busy where all threads
/// together ran about k CPUs' worth.
/// </param>
public sealed record Timeline(IReadOnlyList<TimelineSpan> Spans, TimeSpan Length, bool Computing = false)
{
    /// <summary>The widest a row of the picture gets, in characters.</summary>
    public const int Width = 60;

    private const int MostRows = 12;
    private const string YourRun = "your run";
    private const string Ideal = "ideal";

    private static readonly TimeSpan[] Units = [.. new[] { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 60000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>The run's rows: a row per thread in the order they first started, or per CPU's worth (<see cref="Computing"/>).</summary>
    public IReadOnlyList<IReadOnlyList<TimelineSpan>> Rows =>
        [.. Spans.GroupBy(span => span.Thread).OrderBy(row => Computing ? TimeSpan.FromTicks(row.Key) : row.Min(span => span.Start)).Select(row => (IReadOnlyList<TimelineSpan>)[.. row])];

    /// <summary>What a row of the run is: "thread", or "cpu" (<see cref="Computing"/>).</summary>
    public string RowName => Computing ? "cpu" : "thread";

    /// <summary>What a row of the ideal schedule is: "worker", or "cpu" (<see cref="Computing"/>).</summary>
    public string IdealRowName => Computing ? "cpu" : "worker";

    /// <summary>The round time step (1, 2, 2.5 or 5 x a power of ten, up to a minute) that fits <paramref name="end"/> into at most <paramref name="steps"/> steps.</summary>
    /// <param name="end">The time to fit.</param>
    /// <param name="steps">The most steps.</param>
    /// <returns>The step.</returns>
    public static TimeSpan Unit(TimeSpan end, int steps) => Units.FirstOrDefault(u => end <= u * steps, Units[^1]);

    /// <summary>Where the picture ends: the call's end, its last task's, or the ideal schedule's, whichever is last.</summary>
    /// <param name="ideal">The ideal schedule, if any.</param>
    /// <returns>The end.</returns>
    public TimeSpan End(IReadOnlyList<IReadOnlyList<TimelineSpan>>? ideal) =>
        new[] { Length }.Concat(Spans.Select(span => span.End)).Concat((ideal ?? []).SelectMany(row => row).Select(span => span.End)).Max();

    /// <summary>
    /// The picture: a legend line, then a row per thread the tasks ran on (in the order they first
    /// started; tasks one after another on a thread alternate ### and ===, ... is the call running with
    /// no task on that thread), then the ideal schedule on the same scale.
    /// </summary>
    /// <param name="ideal">The ideal schedule, a row per worker (<see cref="Schedule"/>), or null where there is none to draw.</param>
    /// <returns>The lines; none where no task was recorded.</returns>
    public IReadOnlyList<string> Draw(IReadOnlyList<IReadOnlyList<TimelineSpan>>? ideal)
    {
        if (Spans.Count == 0)
        {
            return [];
        }

        var idealRows = ideal ?? [];
        var threads = Rows;
        var (row, worker) = (RowName, IdealRowName);
        var label = Math.Max(YourRun.Length, Ideal.Length) + 2 + $"{row} {Math.Max(threads.Count, idealRows.Count)}".Length;
        var columns = Width - label - 3;
        var unit = Unit(End(ideal), columns);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"timeline, a column per {Durations.Format(unit)} ({(Computing ? "### or === a CPU computing" : "### or === a task; ... none")}):"),
        };
        var shown = threads.Take(MostRows).ToList();
        for (var index = 0; index < shown.Count; index++)
        {
            lines.Add(Row(index == 0 ? YourRun : string.Empty, $"{row} {index + 1}", label, Bar([.. shown[index]], Length, unit, columns)));
        }

        if (threads.Count > shown.Count)
        {
            lines.Add($"{new string(' ', label)}   ... and {threads.Count - shown.Count} more {row}s");
        }

        for (var index = 0; index < Math.Min(idealRows.Count, MostRows); index++)
        {
            lines.Add(Row(index == 0 ? Ideal : string.Empty, $"{worker} {index + 1}", label, Bar(idealRows[index], TimeSpan.Zero, unit, columns)));
        }

        if (idealRows.Count > MostRows)
        {
            lines.Add($"{new string(' ', label)}   ... and {idealRows.Count - MostRows} more {worker}s");
        }

        return lines;
    }

    /// <summary>The ideal schedule of n tasks of t on k workers (or CPUs): each takes the next task as soon as it is free.</summary>
    /// <param name="tasks">n.</param>
    /// <param name="duration">t.</param>
    /// <param name="workers">k: the workers, or for computing work the CPUs they share where there are fewer.</param>
    /// <returns>A row of tasks per worker.</returns>
    public static IReadOnlyList<IReadOnlyList<TimelineSpan>> Schedule(int tasks, TimeSpan duration, int workers)
    {
        var lanes = Math.Max(1, Math.Min(workers, tasks));
        return [.. Enumerable.Range(0, lanes).Select(lane => (IReadOnlyList<TimelineSpan>)[.. Enumerable.Range(0, tasks).Where(task => task % lanes == lane)
                .Select(task => new TimelineSpan(lane, duration * (task / lanes), duration * ((task / lanes) + 1)))])];
    }

    private static string Row(string who, string what, int label, string bar) => $"{who.PadRight(label - what.Length)}{what} |{bar}|";

    /// <summary>One row: a column is a task's where the task covers the column's middle (a shorter task gets the column it starts in); the tasks alternate # and =.</summary>
    private static string Bar(IReadOnlyList<TimelineSpan> spans, TimeSpan call, TimeSpan unit, int columns)
    {
        var ordered = spans.OrderBy(span => span.Start).ToList();
        var used = Math.Max(1, (int)Math.Ceiling(new[] { call, ordered[^1].End }.Max() / unit));
        var bar = new StringBuilder(new string(' ', Math.Min(columns, used)));
        for (var column = 0; column < bar.Length; column++)
        {
            var middle = unit * (column + 0.5);
            bar[column] = middle < call ? '.' : ' ';
        }

        for (var index = 0; index < ordered.Count; index++)
        {
            var span = ordered[index];
            var first = (int)Math.Ceiling((span.Start / unit) - 0.5); // the columns whose middle the task covers
            var last = Math.Min(bar.Length - 1, (int)Math.Ceiling((span.End / unit) - 0.5) - 1);
            if (last < first)
            {
                first = last = Math.Min(bar.Length - 1, (int)(span.Start / unit)); // shorter than a column: still seen
            }

            for (var column = first; column <= last; column++)
            {
                bar[column] = index % 2 == 0 ? '#' : '=';
            }
        }

        return bar.ToString().TrimEnd();
    }
}
