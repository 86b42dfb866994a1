namespace GradingKit.Tests;

/// <summary>
/// Every call into student code goes through <see cref="StudentCode"/>: what it makes of a stub, an
/// exception, a canceled or faulted task, an exception escaping a raw thread, and a call that never
/// returns. In the grader these show only when student code goes wrong, so they are proved here.
/// So is the boundary itself: student-made objects whose getters throw NUnit's own verdicts, other
/// exceptions, or hang, are read only on the student's bounded thread, and each ends as a failure.
/// A verdict that leaked onto this test's thread would end the test passed or inconclusive, so every
/// hostile call runs inside Should.Throw or Should.NotThrow, which turn any exception into a failure.
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

        failure.Message.ShouldBe(NotImplemented.Prefix + "E04: Pool.Map");
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
    public void Names_the_mistake_that_an_exception_of_the_runtime_tells()
    {
        StudentCode.HintFor(Thrown(() => checked(long.MaxValue + Environment.ProcessorCount))).ShouldBe(Hints.ArithmeticOverflow);
        StudentCode.HintFor(new AggregateException(Thrown(() => checked(int.MaxValue + Environment.ProcessorCount)))).ShouldBe(Hints.ArithmeticOverflow);

        // A list enumerated while it changes: what another thread's Add does to a loop over it.
        var list = new List<int> { 1, 2 };
        StudentCode.HintFor(Thrown(() => list.Sum(item => { list.Add(item); return item; }))).ShouldBe(Hints.UnsafeSharedCollection);
        var dictionary = new Dictionary<int, int> { [1] = 1, [2] = 2 };
        StudentCode.HintFor(new AggregateException(Thrown(() => dictionary.Keys.Sum(key => dictionary[key + 2] = key)))).ShouldBe(Hints.UnsafeSharedCollection);

        // What one thread's own bug throws from a collection, and what student code throws itself, tell no such mistake.
        StudentCode.HintFor(Thrown(() => list[list.Count])).ShouldBeNull();
        StudentCode.HintFor(Thrown(() => new Dictionary<int, int>()[1])).ShouldBeNull();
        StudentCode.HintFor(Thrown(() => Throw<int>(new InvalidOperationException("queue empty")))).ShouldBeNull();
        StudentCode.HintFor(Thrown(() => Throw<int>(new IndexOutOfRangeException()))).ShouldBeNull();
    }

    [Test]
    public void Reads_a_students_text_as_printable_escaping_what_would_drive_a_terminal()
    {
        var forged = "\u001b[2J\u001b[H\u001b]0;title\u0007E01 4 / 4 passed\rTotal 100 / 100\u202Eevil\r\nnext line\tend";

        var message = StudentCode.MessageOf(new InvalidOperationException(forged));

        message.ShouldBe($"\\u001B[2J\\u001B[H\\u001B]0;title\\u0007E01 4 / 4 passed{Environment.NewLine}Total 100 / 100\\u202Eevil{Environment.NewLine}next line\tend");
        var huge = StudentCode.MessageOf(new InvalidOperationException(new string('x', StudentCode.TextKept + 123)));
        huge.ShouldBe($"{new string('x', StudentCode.TextKept)} ... (123 more characters)");
    }

    [Test]
    public void Hands_back_the_exception_a_check_expects_but_not_a_stub()
    {
        StudentCode.CallExpectingException("new Pool(0)", () => throw new ArgumentOutOfRangeException("workers"))
            .ShouldBeOfType<ArgumentOutOfRangeException>();
        StudentCode.CallExpectingException("new Pool(1)", () => { }).ShouldBeNull();
        Should.Throw<AssertionException>(() => StudentCode.CallExpectingException("new Pool(0)", () => Stub()))
            .Message.ShouldStartWith(NotImplemented.Prefix);
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
            .Message.ShouldBe(NotImplemented.Prefix + "E06: Futures.MapAsync");
    }

    [Test]
    public async Task Moves_an_async_sequence_on_within_a_limit_and_fails_what_it_throws()
    {
        // Left undisposed: an async iterator cannot be disposed while a MoveNextAsync is pending.
        var slow = Slow().GetAsyncEnumerator();
        StudentCode.TryMoveNext("AsCompleted(...)", slow, TimeSpan.FromMilliseconds(20), out _).ShouldBeNull("the next item takes longer than the limit");

        await using var failing = Failing().GetAsyncEnumerator();
        Should.Throw<AssertionException>(() => StudentCode.TryMoveNext("AsCompleted(...)", failing, TimeSpan.FromSeconds(5), out _))
            .Message.ShouldStartWith("AsCompleted(...) threw FormatException.");

        await using var one = One().GetAsyncEnumerator();
        StudentCode.TryMoveNext("AsCompleted(...)", one, TimeSpan.FromSeconds(5), out var first).ShouldBe(true);
        first.ShouldBe(1);
        StudentCode.TryMoveNext("AsCompleted(...)", one, TimeSpan.FromSeconds(5), out _).ShouldBe(false);
    }

    [Test]
    public void Fails_a_call_that_never_returns_after_the_limit_and_reports_it_still_running()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            // The bound of every call (Thresholds.StudentCalls.TimeLimit), shortened: what is at stake is what happens at the bound.
            var failure = Should.Throw<AssertionException>(() => StudentCode.Call("LockedLoop.Run(...)", () => release.Wait(TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(1)));

            failure.Message.ShouldStartWith("LockedLoop.Run(...) did not finish within 1 s.");
            failure.Message.ShouldContain($"Hint:     {Hints.Hang}");
            GradingSession.WorkLeftRunning().ShouldNotBeNull().ShouldContain("1 call(s) that never returned are still running");
        }
        finally
        {
            release.Set();
        }
    }

    /// <summary>A thread per task of 100,000 tiny tasks (E07) ran into the 15 s bound in 1 of 4 gradings here (14.6 to 14.9 s in the others), and its hint spoke of a deadlock.</summary>
    [Test]
    [Platform(Include = "Linux", Reason = "The threads started are counted by the process ids Linux hands out (/proc/loadavg).")]
    public void Tells_a_call_that_starts_thread_after_thread_and_never_returns_from_a_deadlock()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            // A thread per tiny task, one after another, until released: one started every 2 ms or so would be few enough to be a deadlock's.
            var failure = Should.Throw<AssertionException>(() => StudentCode.Call("ResultMerger.SumResults(100000, _ => 1.0)", () =>
            {
                while (!release.IsSet)
                {
                    var thread = new Thread(() => { });
                    thread.Start();
                    thread.Join();
                }

                return true;
            }, TimeSpan.FromSeconds(1)));

            failure.Message.ShouldStartWith("ResultMerger.SumResults(100000, _ => 1.0) did not finish within 1 s.");
            failure.Message.ShouldMatch(@"Measured: still running after 1 s; about [\d,]+ threads were started while it ran");
            var started = int.Parse(System.Text.RegularExpressions.Regex.Match(failure.Message, @"about ([\d,]+) threads").Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
            started.ShouldBeGreaterThan(Thresholds.StudentCalls.ThreadsStartedByAHang);
            failure.Message.ShouldContain($"Hint:     {Hints.ThreadPerTinyTask}");
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

    [TestCaseSource(nameof(WhatAGetterThrows))]
    public void Fails_an_exception_whose_message_throws_reading_it_on_its_own_thread(Exception thrownByGetter)
    {
        var hostile = new HostileException(thrownByGetter);

        var failure = Should.Throw<AssertionException>(() => StudentCode.Call("Pool.Map(items, work)", () => Throw<int>(hostile)));

        failure.Message.ShouldStartWith("Pool.Map(items, work) threw HostileException.");
        failure.Message.ShouldContain($"Measured: {typeof(HostileException).FullName}: <its Message threw {thrownByGetter.GetType().Name}>");
        failure.Message.ShouldContain($"<its StackTrace threw {thrownByGetter.GetType().Name}>");
        Should.NotThrow(() => StudentCode.Describe(hostile)).ShouldBe($"{typeof(HostileException).FullName}: <its Message threw {thrownByGetter.GetType().Name}>");
        hostile.ReadOn.ShouldNotContain(Environment.CurrentManagedThreadId, "a getter of a student's exception ran on the check's thread");
    }

    [TestCaseSource(nameof(WhatAGetterThrows))]
    public void Fails_a_faulted_task_an_escaped_exception_and_a_rejection_whose_getters_throw(Exception thrownByGetter)
    {
        var name = thrownByGetter.GetType().Name;

        Should.Throw<AssertionException>(() => StudentCode.Await("Futures.MapAsync(...)", Task.FromException<int>(new HostileException(thrownByGetter))))
            .Message.ShouldContain($"HostileException: <its Message threw {name}>");
        Should.Throw<AssertionException>(() => StudentCode.Call("ThreadPerTask.RunAll(1, task)", () =>
        {
            var thread = new Thread(() => throw new HostileException(thrownByGetter));
            thread.Start();
            thread.Join();
        })).Message.ShouldContain($"1 unhandled: HostileException: <its Message threw {name}>");
        Should.Throw<AssertionException>(() => ArgumentChecks.RequireRejects<ArgumentOutOfRangeException>(
                "new Pool(0)", "workers", () => throw new HostileArgumentException(thrownByGetter)))
            .Message.ShouldContain($"HostileArgumentException with ParamName \"<its ParamName threw {name}>\"");
    }

    [Test]
    public void Keeps_a_faulted_tasks_exceptions_for_their_identity_and_reads_them_on_the_students_thread()
    {
        var thrown = new HostileException(new SuccessException("forged"));

        var ending = StudentCode.AwaitCompletion("Futures.MapAsync(...)", Task.FromException<int>(thrown));

        ending.IsFaulted.ShouldBeTrue();
        ending.Faults.ShouldHaveSingleItem().ShouldBeSameAs(thrown);
        thrown.ReadOn.ShouldBeEmpty("nothing reads the exception's text until a message needs it");
    }

    [Test]
    public void Gives_up_on_a_message_that_never_returns_after_the_text_limit()
    {
        using var release = new ManualResetEventSlim();
        var hanging = new HangingException(release);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var message = StudentCode.MessageOf(hanging);

            message.ShouldBe($"<its Message did not return within {Thresholds.StudentCalls.TextLimit.TotalSeconds:0} s>");
            clock.Elapsed.ShouldBeLessThan(Thresholds.StudentCalls.TextLimit + TimeSpan.FromSeconds(2));
            hanging.ReadOn.ShouldNotContain(Environment.CurrentManagedThreadId);
        }
        finally
        {
            release.Set();
        }
    }

    [Test]
    public void Copies_a_students_list_and_dictionary_on_the_students_thread()
    {
        var list = new StudentList([3, 1, 2], failure: null);
        var dictionary = new StudentDictionary(new Dictionary<int, long> { [7] = 2, [9] = 1 }, failure: null);

        var copiedList = StudentCode.Call("Pool.Map(items, work)", () => StudentCode.CopyOf(list));
        var copiedDictionary = StudentCode.Call("NumberCounter.CountOccurrences(files, 2)", () => StudentCode.CopyOf(dictionary));

        copiedList.ShouldBeOfType<int[]>().ShouldBe([3, 1, 2]);
        copiedDictionary.ShouldBeOfType<Dictionary<int, long>>().ShouldBe(new Dictionary<int, long> { [7] = 2, [9] = 1 });
        list.ReadOn.Concat(dictionary.ReadOn).ShouldNotContain(Environment.CurrentManagedThreadId, "a member of a student's collection ran on the check's thread");
        StudentCode.CopyOf((IReadOnlyList<int>?)null).ShouldBeNull();
    }

    [TestCaseSource(nameof(WhatAGetterThrows))]
    public void Fails_a_list_or_dictionary_whose_members_throw(Exception thrownByGetter)
    {
        var name = thrownByGetter.GetType().Name;

        Should.Throw<AssertionException>(() => StudentCode.Call("Pool.Map(items, work)", () => StudentCode.CopyOf(new StudentList([1, 2], thrownByGetter))))
            .Message.ShouldStartWith($"Pool.Map(items, work) threw {name}.");
        Should.Throw<AssertionException>(() => StudentCode.Call("NumberCounter.CountOccurrences(files, 2)", () => StudentCode.CopyOf(new StudentDictionary(new Dictionary<int, long> { [1] = 1 }, thrownByGetter))))
            .Message.ShouldStartWith($"NumberCounter.CountOccurrences(files, 2) threw {name}.");
        Should.Throw<AssertionException>(() => StudentCode.Await("Futures.MapAsync(...)", Task.FromResult<IReadOnlyList<int>>(new StudentList([1], thrownByGetter)), StudentCode.CopyOf))
            .Message.ShouldStartWith($"Futures.MapAsync(...) threw {name}.");
    }

    [Test]
    public void Reads_an_enumerators_current_element_in_the_call_that_moved_it()
    {
        var enumerator = new StudentEnumerator(7, failure: null);

        StudentCode.TryMoveNext("AsCompleted(...)", enumerator, TimeSpan.FromSeconds(5), out var current).ShouldBe(true);

        current.ShouldBe(7);
        enumerator.ReadOn.ShouldNotContain(Environment.CurrentManagedThreadId, "a member of a student's enumerator ran on the check's thread");
    }

    [TestCaseSource(nameof(WhatAGetterThrows))]
    public void Fails_an_enumerator_whose_current_element_throws(Exception thrownByGetter)
    {
        Should.Throw<AssertionException>(() => StudentCode.TryMoveNext("AsCompleted(...)", new StudentEnumerator(7, thrownByGetter), TimeSpan.FromSeconds(5), out _))
            .Message.ShouldStartWith($"AsCompleted(...) threw {thrownByGetter.GetType().Name}.");
    }

    private static IEnumerable<TestCaseData> WhatAGetterThrows =>
    [
        new TestCaseData(new SuccessException("forged")).SetArgDisplayNames("SuccessException"),
        new TestCaseData(new InconclusiveException("forged")).SetArgDisplayNames("InconclusiveException"),
        new TestCaseData(new IgnoreException("forged")).SetArgDisplayNames("IgnoreException"),
        new TestCaseData(new InvalidOperationException("a getter that fails")).SetArgDisplayNames("InvalidOperationException"),
    ];

    private static int Stub() => throw new NotImplementedException("E04: Pool.Map");

    private static T Throw<T>(Exception exception) => throw exception;

    private static Exception Thrown<T>(Func<T> run)
    {
        try
        {
            run();
        }
        catch (Exception error)
        {
            return error;
        }

        throw new InvalidOperationException("nothing was thrown");
    }

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

    /// <summary>Records the threads a student-made object's members ran on.</summary>
    private abstract class StudentObject
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> threads = new();

        public IReadOnlyCollection<int> ReadOn => threads;

        protected void Record() => threads.Enqueue(Environment.CurrentManagedThreadId);
    }

    /// <summary>A student's exception whose Message and StackTrace getters throw what they are given.</summary>
    private sealed class HostileException(Exception thrownByGetter) : Exception
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> threads = new();

        public IReadOnlyCollection<int> ReadOn => threads;

        public override string Message => Throw<string>(Recorded(thrownByGetter));

        public override string StackTrace => Throw<string>(Recorded(thrownByGetter));

        private Exception Recorded(Exception exception)
        {
            threads.Enqueue(Environment.CurrentManagedThreadId);
            return exception;
        }
    }

    /// <summary>A student's argument exception of the right type whose ParamName getter throws.</summary>
    private sealed class HostileArgumentException(Exception thrownByGetter) : ArgumentOutOfRangeException
    {
        public override string ParamName => Throw<string>(thrownByGetter);
    }

    /// <summary>A student's exception whose Message getter waits until released.</summary>
    private sealed class HangingException(ManualResetEventSlim release) : Exception
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> threads = new();

        public IReadOnlyCollection<int> ReadOn => threads;

        public override string Message
        {
            get
            {
                threads.Enqueue(Environment.CurrentManagedThreadId);
                release.Wait();
                return "released";
            }
        }
    }

    /// <summary>A student's own list class; its indexer throws <c>failure</c> when given one.</summary>
    private sealed class StudentList(int[] values, Exception? failure) : StudentObject, IReadOnlyList<int>
    {
        public int Count
        {
            get
            {
                Record();
                return values.Length;
            }
        }

        public int this[int index]
        {
            get
            {
                Record();
                return failure is null ? values[index] : Throw<int>(failure);
            }
        }

        public IEnumerator<int> GetEnumerator()
        {
            Record();
            return ((IEnumerable<int>)values).GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A student's own dictionary class; enumerating it throws <c>failure</c> when given one.</summary>
    private sealed class StudentDictionary(Dictionary<int, long> counts, Exception? failure) : StudentObject, IReadOnlyDictionary<int, long>
    {
        public int Count => counts.Count;

        public IEnumerable<int> Keys => counts.Keys;

        public IEnumerable<long> Values => counts.Values;

        public long this[int key] => counts[key];

        public bool ContainsKey(int key) => counts.ContainsKey(key);

        public bool TryGetValue(int key, out long value) => counts.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<int, long>> GetEnumerator()
        {
            Record();
            return failure is null ? counts.GetEnumerator() : Throw<IEnumerator<KeyValuePair<int, long>>>(failure);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A student's own async enumerator of one element; its Current throws <c>failure</c> when given one.</summary>
    private sealed class StudentEnumerator(int value, Exception? failure) : StudentObject, IAsyncEnumerator<int>
    {
        public int Current
        {
            get
            {
                Record();
                return failure is null ? value : Throw<int>(failure);
            }
        }

        public ValueTask<bool> MoveNextAsync()
        {
            Record();
            return ValueTask.FromResult(true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
