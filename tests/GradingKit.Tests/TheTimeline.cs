namespace GradingKit.Tests;

/// <summary>
/// The text timeline under a failed timing check's attempts: a row per thread, the ideal beside it,
/// at most 60 columns. The snapshots hold E04 at P = 2 (8 waiting tasks of 100 ms) as the reference
/// and the Sequential submission run it, with the start-up delays and overruns measured here (tenths
/// of a millisecond to a few milliseconds), which must not move a column.
/// </summary>
[TestFixture]
public sealed class TheTimeline
{
    private static readonly IReadOnlyList<IReadOnlyList<TimelineSpan>> IdealOfE04 = Timeline.Schedule(8, Ms(100), 2);

    [Test]
    public void Draws_the_reference_two_workers_four_tasks_each_like_the_ideal()
    {
        // Two pool threads, each taking the next task as soon as it is free.
        var spans = Enumerable.Range(0, 8).Select(task => new TimelineSpan(10 + (task % 2), Ms(0.4 + (100.2 * (task / 2))), Ms(100.5 + (100.2 * (task / 2))))).ToList();

        Draw(new Timeline(spans, Ms(402.1))).ShouldBe(
            """
            timeline, a column per 20 ms (### or === a task; ... none):
            your run  thread 1 |#####=====#####=====|
                      thread 2 |#####=====#####=====|
            ideal     worker 1 |#####=====#####=====|
                      worker 2 |#####=====#####=====|
            """);
    }

    [Test]
    public void Draws_the_sequential_run_on_one_thread_twice_as_long_as_the_ideal()
    {
        // The caller's own thread, one task after another.
        var spans = Enumerable.Range(0, 8).Select(task => new TimelineSpan(1, Ms(0.1 + (100.1 * task)), Ms(100.2 + (100.1 * task)))).ToList();

        Draw(new Timeline(spans, Ms(801.3))).ShouldBe(
            """
            timeline, a column per 25 ms (### or === a task; ... none):
            your run  thread 1 |####====####====####====####====|
            ideal     worker 1 |####====####====|
                      worker 2 |####====####====|
            """);
    }

    [Test]
    public void Shows_idle_time_short_tasks_and_at_most_twelve_rows_each_at_most_sixty_columns()
    {
        // A pool of 20 threads, tasks of 1 ms started 30 ms apart, the call returning after 650 ms.
        var spans = Enumerable.Range(0, 20).Select(task => new TimelineSpan(task, Ms(30 * task), Ms((30 * task) + 1))).ToList();

        var lines = new Timeline(spans, Ms(650)).Draw(Timeline.Schedule(20, Ms(1), 20));

        lines.ShouldAllBe(line => line.Length <= Timeline.Width);
        lines.Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"thread \d+ \|")).ShouldBe(12);
        lines.ShouldContain("                      ... and 8 more threads");
        lines.ShouldContain("                      ... and 8 more workers");
        lines[0].ShouldBe("timeline, a column per 20 ms (### or === a task; ... none):");
        lines[1].ShouldBe($"your run   thread 1 |#{new string('.', 31)}|");
        lines[2].ShouldBe($"           thread 2 |.#{new string('.', 30)}|");
        new Timeline([], Ms(10)).Draw(null).ShouldBeEmpty();
    }

    private static string Draw(Timeline timeline) => string.Join("\n", timeline.Draw(IdealOfE04));

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
