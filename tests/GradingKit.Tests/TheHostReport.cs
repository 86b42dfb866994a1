using GradingKit.Cli;

namespace GradingKit.Tests;

/// <summary>
/// The supervisor's reading of a grading host's events file: only events that carry the host's MAC
/// and the next number, in an order the plan allows, count. Anything else (a line without a MAC, a
/// wrong one, a replayed or skipped number, an event out of order, garbage, half a line left by a
/// host that ended) is a forgery that costs the exercise running, or the next one, and ends the reading.
/// </summary>
[TestFixture]
public sealed class TheHostReport
{
    private static readonly string[] Plan = ["E04", "E05"];
    private const string Check = "GradingKit.Grader.E04_PoolMap.Map_keeps_order";

    private DirectoryInfo folder = null!;
    private string events = null!;
    private byte[] key = null!;

    [SetUp]
    public void CreateTheEventsFile()
    {
        folder = Directory.CreateTempSubdirectory("gradingkit-report-");
        events = Path.Combine(folder.FullName, "events.jsonl");
        File.WriteAllText(events, string.Empty);
        key = HostChannel.NewKey();
    }

    [TearDown]
    public void DeleteTheEventsFile() => folder.Delete(recursive: true);

    [Test]
    public void Accepts_what_the_host_wrote_in_order_and_keeps_each_exercises_tests()
    {
        using var report = new HostReport(events, key, Plan);
        Write(
            new(HostEventKind.ExerciseStarted, "E04"),
            new(HostEventKind.TestStarted, "E04") { Test = Check });

        report.Read(hostEnded: false).Select(e => e.Event).ShouldBe([HostEventKind.ExerciseStarted, HostEventKind.TestStarted]);
        report.Running.ShouldBe("E04");
        report.RunningTest.ShouldBe(Check);

        Write(
            Passed("E04", Check),
            new(HostEventKind.ExerciseFinished, "E04"),
            new(HostEventKind.ExerciseStarted, "E05"),
            new(HostEventKind.ExerciseFinished, "E05") { LeftRunning = "1 call(s) that never returned are still running" });
        report.Read(hostEnded: false).Count.ShouldBe(4);
        report.StoppedForWorkLeftRunning.ShouldBeTrue();

        Write(new HostEvent(HostEventKind.Done, null));
        report.Read(hostEnded: true).Single().Event.ShouldBe(HostEventKind.Done);

        report.Forged.ShouldBeFalse();
        report.Done.ShouldBeTrue();
        report.StoppedForWorkLeftRunning.ShouldBeFalse("only right after the exercise that left work running");
        var runs = report.Runs(fault: null);
        runs.Select(run => run.Id).ShouldBe(Plan);
        runs[0].Tests.Single().ShouldBe(Passed("E04", Check));
        runs[0].Fault.ShouldBeNull();
        runs[1].Fault.ShouldBe(ExerciseFaults.AfterItsChecks("E05", "1 call(s) that never returned are still running", null));
    }

    [Test]
    public void Makes_what_an_exercise_did_outside_its_checks_calls_its_fault()
    {
        const string escaped = "100 unhandled exceptions (InvalidOperationException: thrown by a finalizer, ...)";
        using var report = new HostReport(events, key, Plan);
        Write(
            new(HostEventKind.ExerciseStarted, "E04"),
            new(HostEventKind.ExerciseFinished, "E04") { Escaped = escaped },
            new(HostEventKind.ExerciseStarted, "E05"),
            new(HostEventKind.ExerciseFinished, "E05") { Escaped = escaped, LeftRunning = "1 call(s) that never returned are still running" });

        report.Read(hostEnded: true).Count.ShouldBe(4);

        var runs = report.Runs(fault: null);
        runs[0].Fault.ShouldBe($"E04 let exceptions escape outside its calls, each of which would end a real program: {escaped}. Catch them where they are thrown: in a finalizer (~Class()), a timer's callback, or a thread that runs on after the call returned");
        runs[1].Fault.ShouldBe($"E05 left work running after its checks: 1 call(s) that never returned are still running; and E05 let exceptions escape outside its calls, each of which would end a real program: {escaped}. Catch them where they are thrown: in a finalizer (~Class()), a timer's callback, or a thread that runs on after the call returned");
        report.StoppedForWorkLeftRunning.ShouldBeTrue();
    }

    [Test]
    public void Refuses_a_forged_line_without_a_mac()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"));
        Append("""{"seq":1,"event":{"event":"test-finished","exercise":"E04","test":"GradingKit.Grader.E04_PoolMap.Map_keeps_order","outcome":"Passed"}}""" + "\n");

        ShouldBeForged(report, "E04", accepted: 1);
    }

    [Test]
    public void Refuses_a_line_whose_mac_another_key_made()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"));
        Append(HostChannel.Line(1, new HostEvent(HostEventKind.TestStarted, "E04") { Test = Check }, HostChannel.NewKey()) + "\n");

        ShouldBeForged(report, "E04", accepted: 1);
    }

    [Test]
    public void Refuses_a_line_whose_payload_was_changed_after_its_mac()
    {
        using var report = new HostReport(events, key, Plan);
        Append(HostChannel.Line(0, new HostEvent(HostEventKind.ExerciseStarted, "E04"), key).Replace("E04", "E05", StringComparison.Ordinal) + "\n");

        ShouldBeForged(report, "E04", accepted: 0);
    }

    [Test]
    public void Refuses_a_replayed_event()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"), new(HostEventKind.TestStarted, "E04") { Test = Check }, Passed("E04", Check));
        var passed = File.ReadAllLines(events)[^1];
        Write(new HostEvent(HostEventKind.TestStarted, "E04") { Test = Check });
        Append(passed + "\n");

        ShouldBeForged(report, "E04", accepted: 4);
    }

    [Test]
    public void Refuses_a_skipped_number()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"));
        Append(HostChannel.Line(2, new HostEvent(HostEventKind.ExerciseFinished, "E04"), key) + "\n");

        ShouldBeForged(report, "E04", accepted: 1);
    }

    [Test]
    public void Refuses_a_test_finished_without_its_test_started()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"), Passed("E04", Check));

        ShouldBeForged(report, "E04", accepted: 1);
    }

    [Test]
    public void Refuses_a_test_finished_that_is_not_the_test_started()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"), new(HostEventKind.TestStarted, "E04") { Test = Check }, Passed("E04", Check + "_too"));

        ShouldBeForged(report, "E04", accepted: 2);
    }

    [Test]
    public void Refuses_an_exercise_out_of_the_plans_order()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E05"));

        ShouldBeForged(report, "E04", accepted: 0);
    }

    [Test]
    public void Refuses_done_before_every_exercise_finished_and_blames_the_first_unfinished()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"), new(HostEventKind.ExerciseFinished, "E04"), new(HostEventKind.Done, null));

        ShouldBeForged(report, "E05", accepted: 2);
        report.Done.ShouldBeFalse();
        var finished = report.Runs(fault: null)[0];
        (finished.Id, finished.Fault).ShouldBe(("E04", (string?)null), "what finished before the forgery stands");
    }

    [Test]
    public void Refuses_garbage_and_every_line_after_it()
    {
        using var report = new HostReport(events, key, Plan);
        Append("all checks passed\n");
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"));

        ShouldBeForged(report, "E04", accepted: 0);
    }

    [Test]
    public void Reads_half_a_line_only_once_its_line_break_arrives_and_refuses_it_when_the_host_ends()
    {
        using var report = new HostReport(events, key, Plan);
        var started = HostChannel.Line(0, new HostEvent(HostEventKind.ExerciseStarted, "E04"), key);
        Append(started[..20]);
        report.Read(hostEnded: false).ShouldBeEmpty();
        report.Forged.ShouldBeFalse("the host may still be writing it");

        Append(started[20..] + "\n");
        report.Read(hostEnded: false).Single().ShouldBe(new HostEvent(HostEventKind.ExerciseStarted, "E04"));

        Append(HostChannel.Line(1, new HostEvent(HostEventKind.ExerciseFinished, "E04"), key)[..30]);
        report.Read(hostEnded: true).ShouldBeEmpty();
        report.Forged.ShouldBeTrue("a host that ended will never finish the line");
        var run = report.Runs(fault: null).Single();
        (run.Id, run.Fault).ShouldBe(("E04", HostFaults.Forged("E04")));
    }

    [Test]
    public void Blames_a_fault_on_the_exercise_running_with_the_tests_it_finished()
    {
        using var report = new HostReport(events, key, Plan);
        Write(new HostEvent(HostEventKind.ExerciseStarted, "E04"), new(HostEventKind.TestStarted, "E04") { Test = Check }, Passed("E04", Check));
        report.Read(hostEnded: true);

        var run = report.Runs(exercise => $"{exercise} crashed").Single();

        (run.Id, run.Fault).ShouldBe(("E04", "E04 crashed"));
        run.Tests.Single().ShouldBe(Passed("E04", Check));
    }

    private static HostEvent Passed(string exercise, string test) => new(HostEventKind.TestFinished, exercise) { Test = test, Outcome = "Passed" };

    private static void ShouldBeForged(HostReport report, string blamed, int accepted)
    {
        report.Read(hostEnded: false).Count.ShouldBe(accepted, "the events before the forgery");
        report.Forged.ShouldBeTrue();
        var runs = report.Runs(fault: null);
        runs[^1].Id.ShouldBe(blamed);
        runs[^1].Fault.ShouldBe(HostFaults.Forged(blamed));
        runs[^1].Fault.ShouldBe($"{blamed}: the grading host's report was forged or corrupted (an event that the grader did not write); the host was ended");
        report.Read(hostEnded: true).ShouldBeEmpty("nothing is read after a forgery");
    }

    private void Write(params HostEvent[] hostEvents)
    {
        // Numbered on from the lines already in the file, as the host's one writer numbers them.
        var written = File.ReadAllLines(events).Length;
        var lines = hostEvents.Select((hostEvent, at) => HostChannel.Line(written + at, hostEvent, key) + "\n");
        Append(string.Concat(lines));
    }

    private void Append(string text) => File.AppendAllText(events, text);
}
