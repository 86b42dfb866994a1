namespace GradingKit.Tests;

/// <summary>
/// Every call into student code goes through <see cref="StudentCode"/>: what it makes of a stub, an
/// exception, a canceled or faulted task, an exception escaping a raw thread, and a call that never
/// returns. In the grader these show only when student code goes wrong, so they are proved here.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TheStudentCodeBoundary
{
    [OneTimeSetUp]
    public void StartTheSession() => GradingSession.Start();

    [Test]
    public void Returns_what_the_call_returns()
    {
        StudentCode.Call("Answer()", () => 42).ShouldBe(42);
    }

    [Test]
    public void Reads_a_stub_as_not_implemented_with_its_message()
    {
        var failure = Should.Throw<AssertionException>(() => StudentCode.Call("Pool.Map(items, work)", () => Stub()));

        failure.Message.ShouldBe(StudentCode.NotImplementedPrefix + "E04: Pool.Map");
    }

    [Test]
    public void Fails_an_unexpected_exception_naming_its_type_and_the_hint()
    {
        var failure = Should.Throw<AssertionException>(() => StudentCode.Call("Pool.Map(items, work)", () => Throw<int>(new InvalidOperationException("queue empty"))));

        failure.Message.ShouldStartWith("Pool.Map(items, work) threw InvalidOperationException.");
        failure.Message.ShouldContain("Measured: System.InvalidOperationException: queue empty");
        failure.Message.ShouldContain($"Hint:     {Hints.UnexpectedException}");
    }

    [Test]
    public void Hands_back_the_exception_a_check_expects_but_not_a_stub()
    {
        StudentCode.CallExpectingException("new Pool(0)", () => throw new ArgumentOutOfRangeException("workers"))
            .ShouldBeOfType<ArgumentOutOfRangeException>();
        StudentCode.CallExpectingException("new Pool(1)", () => { }).ShouldBeNull();
        Should.Throw<AssertionException>(() => StudentCode.CallExpectingException("new Pool(0)", () => Stub()))
            .Message.ShouldStartWith(StudentCode.NotImplementedPrefix);
    }

    [Test]
    public void Fails_an_exception_that_escapes_a_raw_thread_and_the_process_lives_on()
    {
        var failure = Should.Throw<AssertionException>(() => StudentCode.Call("ThreadPerTask.RunAll(1, task)", () =>
        {
            var thread = new Thread(() => throw new InvalidOperationException("lost on a raw thread"));
            thread.Start();
            thread.Join();
        }));

        failure.Message.ShouldStartWith("ThreadPerTask.RunAll(1, task) let an exception escape a thread it started");
        failure.Message.ShouldContain("1 unhandled: InvalidOperationException: lost on a raw thread");
        failure.Message.ShouldContain($"Hint:     {Hints.EscapedThreadException}");
    }

    [Test]
    public void Awaits_a_task_and_fails_one_canceled_faulted_or_left_unfinished_by_a_stub()
    {
        StudentCode.Await("Futures.MapAsync(...)", Task.FromResult(7)).ShouldBe(7);
        Should.Throw<AssertionException>(() => StudentCode.Await("Futures.MapAsync(...)", Task.FromCanceled<int>(new CancellationToken(canceled: true))))
            .Message.ShouldStartWith("The task of Futures.MapAsync(...) was canceled.");
        Should.Throw<AssertionException>(() => StudentCode.Await("Futures.MapAsync(...)", Task.FromException<int>(new TimeoutException("slow"))))
            .Message.ShouldStartWith("Futures.MapAsync(...) threw TimeoutException.");
        Should.Throw<AssertionException>(() => StudentCode.Await("Futures.MapAsync(...)", Task.FromException<int>(new NotImplementedException("E06: Futures.MapAsync"))))
            .Message.ShouldBe(StudentCode.NotImplementedPrefix + "E06: Futures.MapAsync");
    }

    [Test]
    public async Task Moves_an_async_sequence_on_within_a_limit_and_fails_what_it_throws()
    {
        // Left undisposed: an async iterator cannot be disposed while a MoveNextAsync is pending.
        var slow = Slow().GetAsyncEnumerator();
        StudentCode.TryMoveNext("AsCompleted(...)", slow, TimeSpan.FromMilliseconds(20)).ShouldBeNull("the next item takes longer than the limit");

        await using var failing = Failing().GetAsyncEnumerator();
        Should.Throw<AssertionException>(() => StudentCode.TryMoveNext("AsCompleted(...)", failing, TimeSpan.FromSeconds(5)))
            .Message.ShouldStartWith("AsCompleted(...) threw FormatException.");

        await using var one = One().GetAsyncEnumerator();
        StudentCode.TryMoveNext("AsCompleted(...)", one, TimeSpan.FromSeconds(5)).ShouldBe(true);
        StudentCode.TryMoveNext("AsCompleted(...)", one, TimeSpan.FromSeconds(5)).ShouldBe(false);
    }

    [Test]
    public void Fails_a_call_that_never_returns_after_the_limit_and_reports_it_still_running()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var failure = Should.Throw<AssertionException>(() => StudentCode.Call("LockedLoop.Run(...)", () => release.Wait()));

            failure.Message.ShouldStartWith($"LockedLoop.Run(...) did not finish within {Thresholds.StudentCallLimit.TotalSeconds:0} s.");
            failure.Message.ShouldContain($"Hint:     {Hints.Hang}");
            GradingSession.WorkLeftRunning().ShouldNotBeNull().ShouldContain("1 call(s) that never returned are still running");
        }
        finally
        {
            release.Set();
        }
    }

    [Test]
    public void Fails_a_child_process_that_fails_naming_its_command_and_exit_code()
    {
        var failure = Should.Throw<AssertionException>(() =>
            GraderProcess.Run(Path.Combine(Path.GetTempPath(), "no-such-grader.dll"), new Dictionary<string, string>(), "processor-count"));

        failure.Message.ShouldStartWith("Student code failed in the child process `processor-count` (exit code ");
        failure.Message.ShouldContain($"Hint:     {Hints.UnexpectedException}");
    }

    private static int Stub() => throw new NotImplementedException("E04: Pool.Map");

    private static T Throw<T>(Exception exception) => throw exception;

    private static async IAsyncEnumerable<int> Slow()
    {
        await Task.Delay(TimeSpan.FromSeconds(30));
        yield return 1;
    }

    private static async IAsyncEnumerable<int> Failing()
    {
        await Task.Yield();
        throw new FormatException("not a number");
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    private static async IAsyncEnumerable<int> One()
    {
        await Task.Yield();
        yield return 1;
    }
}
