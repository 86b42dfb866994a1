using System.Numerics;
using GradingKit.Contracts;

namespace GradingKit.Tests;

[TestFixture]
public sealed class TheGradingLibrary
{
    [Test]
    public void Fibonacci_oracle_knows_the_notebooks_numbers_and_F100()
    {
        Enumerable.Range(0, 21).Select(FibonacciOracle.Of).ShouldBe(
            new BigInteger[] { 0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765 });
        FibonacciOracle.Of(100).ShouldBe(BigInteger.Parse("354224848179261915075", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void Fibonacci_oracle_agrees_with_a_loop()
    {
        BigInteger a = 0, b = 1;
        for (var n = 0; n <= 2000; n++)
        {
            FibonacciOracle.Of(n).ShouldBe(a, $"F({n})");
            (a, b) = (b, a + b);
        }
    }

    [TestCase(25, 15, 143)]
    [TestCase(10, 10, 0)]
    [TestCase(5, 0, 7)]
    public void Fork_steps_count_the_recursion_steps_above_the_cutoff(int n, int cutoff, long steps) =>
        FibonacciOracle.ForkSteps(n, cutoff).ShouldBe(steps);

    [TestCase(8, 300, 8, 2, WorkKind.Waiting, 300)]
    [TestCase(8, 300, 2, 2, WorkKind.Waiting, 1200)]
    [TestCase(9, 300, 2, 8, WorkKind.Waiting, 1500)]
    [TestCase(8, 300, 8, 2, WorkKind.Computing, 1200)]
    [TestCase(3, 300, 3, 8, WorkKind.Computing, 300)]
    [TestCase(9, 300, 4, 2, WorkKind.Computing, 1350)]
    public void Timing_model_gives_the_ideal_wall_time(int n, int milliseconds, int workers, int processors, WorkKind kind, int ideal) =>
        TimingModel.IdealWallTime(n, TimeSpan.FromMilliseconds(milliseconds), workers, processors, kind)
            .ShouldBe(TimeSpan.FromMilliseconds(ideal));

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(8)]
    public void A_probes_worker_count_is_any_from_2_to_twice_the_CPUs_plus_1_but_the_CPU_count(int processors)
    {
        var random = new Random(12345);
        var drawn = Enumerable.Range(0, 2000).Select(_ => ConcurrencyProbe.DrawWorkers(random, processors)).ToHashSet();

        drawn.Order().ShouldBe(Enumerable.Range(2, 2 * processors).Where(workers => workers != processors));
    }

    [Test]
    public void Task_counter_counts_tasks_and_dedicated_threads_but_not_the_thread_pools_workers()
    {
        using var counter = TaskCounter.Start();

        var threads = Enumerable.Range(0, 7).Select(_ => new Thread(() => { })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(workers + 8, io);
        try
        {
            Task.WaitAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Thread.Sleep(50))).ToArray());
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }

        counter.SeesThreads.ShouldBeTrue("the runtime's threading events never reached the counter");
        var (tasks, started) = counter.Read();
        tasks.ShouldBeGreaterThanOrEqualTo(12);
        started.ShouldBe(7, "the thread pool's workers that ran the 12 tasks are no threads started by the code under test");
    }

    [Test]
    public void Recursion_inspector_finds_recursion_anywhere_below_a_method_and_no_false_ones()
    {
        RecursionInspector.FindRecursion(typeof(Samples).GetMethod(nameof(Samples.Direct))!).ShouldBe("Direct -> Direct");
        RecursionInspector.FindRecursion(typeof(Samples).GetMethod(nameof(Samples.Indirect))!).ShouldBe("Indirect -> Helper -> Indirect");
        RecursionInspector.FindRecursion(typeof(Samples).GetMethod(nameof(Samples.ThroughAHelper))!).ShouldBe("ThroughAHelper -> Direct -> Direct");
        RecursionInspector.FindRecursion(typeof(Samples).GetMethod(nameof(Samples.Loop))!).ShouldBeNull();
    }

    [Test]
    public void Feedback_reads_what_measured_expected_hint()
    {
        Feedback.Format("Map ran too many at once.", "5 in flight", "at most 2", new Hint("Unbounded", "Bound it."))
            .ShouldBe("Map ran too many at once.\n  Measured: 5 in flight\n  Expected: at most 2\n  Hint:     Unbounded? Bound it.");
    }

    [Test]
    public void Concurrency_probe_sees_how_many_run_at_once()
    {
        var probe = new ConcurrencyProbe(4);

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => probe.Run());

        probe.TargetReached.ShouldBeTrue();
        probe.MaxInFlight.ShouldBe(4);
        probe.Entered.ShouldBe(8);
        probe.Exited.ShouldBe(8);
    }

    [Test]
    public void Concurrency_probe_tells_apart_threads_that_ran_one_after_another()
    {
        var probe = new ConcurrencyProbe(1);

        for (var i = 0; i < 4; i++)
        {
            RunOnADedicatedThread(probe);

            // The thread is collected: the runtime would now give its id to the next thread it starts.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        probe.Threads.Count.ShouldBe(4, "four threads ran the tasks, one after another");
    }

    [Test]
    public void Concurrency_probe_counts_tasks_that_enter_after_the_call_returned()
    {
        var probe = new ConcurrencyProbe(3);
        var threads = Enumerable.Range(0, 3).Select(i => new Thread(() =>
        {
            Thread.Sleep(100 * i); // the last one enters well after the check begins
            probe.Run();
        })).ToList();
        threads.ForEach(thread => thread.Start());

        Should.NotThrow(() => probe.RequireTargetReached("ThreadPerTask.RunAll(3, task)", "one thread per task, all started before any Join"));

        probe.MaxInFlight.ShouldBe(3);
        threads.ForEach(thread => thread.Join());
    }

    [Test]
    public void Concurrency_probe_gives_up_waiting_when_tasks_run_one_at_a_time()
    {
        var probe = new ConcurrencyProbe(2);

        for (var i = 0; i < 3; i++)
        {
            probe.Run();
        }

        probe.TargetReached.ShouldBeFalse();
        probe.MaxInFlight.ShouldBe(1);
        Should.Throw<AssertionException>(() => probe.RequireTargetReached("Map", "workers = 2")).Message.ShouldContain(Hints.Sequential.Mistake);
    }

    [Test]
    [Platform(Include = "Linux", Reason = "The witness reads each thread's CPU clock through /proc.")]
    public void Witness_of_spread_sees_work_handed_from_thread_to_thread_as_one_after_another()
    {
        var piece = ComputingWork.For(TimeSpan.FromMilliseconds(100));

        var seen = Concurrency.Of(() =>
        {
            for (var i = 0; i < 4; i++)
            {
                var thread = new Thread(() => piece());
                thread.Start();
                thread.Join();
            }
        })!;

        seen.Decisive.ShouldBeTrue(seen.ToString());
        seen.Parallel.ShouldBeFalse(seen.ToString());

        // Its picture: one CPU's worth at a time, a second one at most for a moment.
        var timeline = seen.Timeline!;
        timeline.Computing.ShouldBeTrue();
        var second = timeline.Spans.Where(span => span.Thread >= 2).Aggregate(TimeSpan.Zero, (sum, span) => sum + (span.End - span.Start));
        (second / timeline.Length).ShouldBeLessThan(0.1, string.Join("\n", timeline.Draw(null)));
    }

    [TestCase(2)]
    [TestCase(48)]
    [Platform(Include = "Linux", Reason = "The witness reads each thread's CPU clock through /proc.")]
    public void Witness_of_spread_sees_threads_computing_together_even_when_they_outnumber_the_CPUs_and_starve_its_sampler(int threads)
    {
        var piece = ComputingWork.For(TimeSpan.FromMilliseconds(400) * Math.Min(threads, Environment.ProcessorCount) / threads);

        Concurrency seen = null!;
        var measured = Measurement.Of(() => seen = Concurrency.Of(() =>
        {
            var all = Enumerable.Range(0, threads).Select(_ => new Thread(() => piece())).ToList();
            all.ForEach(thread => thread.Start());
            all.ForEach(thread => thread.Join());
        })!);

        seen.Decisive.ShouldBeTrue(seen.ToString());
        seen.Parallel.ShouldBeTrue(seen.ToString());

        // Its picture, where each thread has a CPU of its own: as many CPUs' worth at once. (48 threads
        // starve the sampler: its long windows take in the threads' start-up, and their CPUs' worth,
        // rounded, was 1 in one run of 4; so did 2 threads while two builds took the CPUs.)
        if (threads <= Environment.ProcessorCount && measured.Others < Thresholds.CpuTime.OthersWorthMentioning)
        {
            var timeline = seen.Timeline!;
            timeline.Spans.Max(span => span.Thread).ShouldBe(threads, string.Join("\n", timeline.Draw(null)));
        }
    }

    [Test]
    public void A_call_whose_tasks_run_after_it_returned_fails_as_returning_early()
    {
        var looks = 0;
        var failure = Should.Throw<AssertionException>(() => ResultChecks.RequireAllRanBeforeReturn("RunAll(5, task)", () => looks++ == 0 ? 2 : 5, 5));

        failure.Message.ShouldStartWith("RunAll(5, task) returned before its tasks had run.");
        failure.Message.ShouldContain("Measured: 2 of 5 tasks had run when it returned; 5 had run ");
        failure.Message.ShouldContain($"Hint:     {Hints.ReturnedEarly}");
    }

    [Test]
    public void A_call_whose_tasks_all_ran_or_never_run_is_left_to_the_other_checks()
    {
        Should.NotThrow(() => ResultChecks.RequireAllRanBeforeReturn("RunAll(5, task)", () => 5, 5));
        Should.NotThrow(() => ResultChecks.RequireAllRanBeforeReturn("RunAll(5, task)", () => 3, 5));
    }

    [Test]
    public void Host_events_are_written_one_authenticated_json_line_each_and_read_back_as_written()
    {
        var file = Path.GetTempFileName();
        var key = HostChannel.NewKey();
        try
        {
            HostEvent[] events =
            [
                new(HostEventKind.ExerciseStarted, "E04"),
                new(HostEventKind.TestFinished, "E04") { Test = "GradingKit.Grader.E04_PoolMap.Map_keeps_order", Outcome = "Failed", Message = "two\nlines", Seconds = 0.25 },
                new(HostEventKind.Done, null),
            ];
            using (var writer = new HostEventWriter(file, key))
            {
                foreach (var hostEvent in events)
                {
                    writer.Write(hostEvent);
                }
            }

            var lines = File.ReadAllLines(file);
            lines.Length.ShouldBe(events.Length, "one line per event, a message's line break escaped");
            lines.Select((line, sequence) => HostChannel.Read(line, sequence, key)).ShouldBe(events);
            lines[0].ShouldStartWith("{\"seq\":0,\"mac\":\"");
            lines[0].ShouldEndWith(""","event":{"event":"exercise-started","exercise":"E04"}}""", Case.Sensitive, "the kind in kebab-case");
            lines[^1].ShouldStartWith("""{"seq":2,""");
            lines[^1].ShouldEndWith(""","event":{"event":"done"}}""", Case.Sensitive, "absent fields are left out");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_host_takes_its_key_from_the_first_line_of_standard_input_only()
    {
        var file = Path.GetTempFileName();
        var key = HostChannel.NewKey();
        try
        {
            using var input = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\nwhat follows stays unread\n"));
            using (var writer = HostEventWriter.Open(file, input))
            {
                writer.Write(new HostEvent(HostEventKind.Done, null));
            }

            HostChannel.Read(File.ReadAllLines(file).Single(), 0, key).ShouldBe(new HostEvent(HostEventKind.Done, null));
            input.Position.ShouldBe(Convert.ToBase64String(key).Length + 1, "not a byte past the key's line");
            Should.Throw<InvalidOperationException>(() => HostEventWriter.Open(file, new MemoryStream("no key\n"u8.ToArray())))
                .Message.ShouldContain("no key on the first line of its standard input");
            Should.Throw<InvalidOperationException>(() => HostEventWriter.Open(file, new MemoryStream()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static class Samples
    {
        public static int Direct(int n) => n <= 0 ? 0 : Direct(n - 1) + 1;

        public static int Indirect(int n) => n <= 0 ? 0 : Helper(n);

        public static int ThroughAHelper(int n) => Direct(n);

        public static int Loop(int n)
        {
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                total += Math.Abs(i);
            }

            return total;
        }

        private static int Helper(int n) => Indirect(n - 1) + 1;
    }

    private static void RunOnADedicatedThread(ConcurrencyProbe probe)
    {
        var thread = new Thread(() => probe.Run());
        thread.Start();
        thread.Join();
    }
}
