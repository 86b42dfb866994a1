namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(IFibonacci))]
[Exercise("E11")]
public sealed class E11_FibonacciIterative
{
    private const int Large = 100_000;

    // As the notebook prints them.
    private static readonly int[] FirstTwentyOne = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765];

    private readonly IFibonacci fibonacci = StudentCode.Create(StudentClass.Fibonacci);

    [Test]
    public void Computes_F0_to_F20_as_the_notebook_prints_them()
    {
        var computed = StudentCode.Call("Fibonacci.Iterative(0 .. 20)", () => Enumerable.Range(0, 21).Select(fibonacci.Iterative).ToList());

        Feedback.Require(
            computed.SequenceEqual(FirstTwentyOne.Select(value => (System.Numerics.BigInteger)value)),
            "Iterative(0 .. 20) is not the sequence the notebook prints.",
            () => Feedback.List(computed, 21),
            Feedback.List(FirstTwentyOne, 21),
            Hints.WrongFibonacci);
    }

    [Test]
    public void Computes_large_numbers_exactly()
    {
        var random = Seed.ForThisCheck();
        int[] indices = [100, 1000, 10_000, random.Next(21, 5000)];

        foreach (var n in indices)
        {
            var computed = StudentCode.Call($"Fibonacci.Iterative({n})", () => fibonacci.Iterative(n));
            var expected = FibonacciOracle.Of(n);

            Feedback.Require(
                computed == expected,
                $"Iterative({n}) is not F({n}).",
                () => Digits(computed),
                Digits(expected),
                Hints.WrongFibonacci);
        }
    }

    [Test]
    public void Computes_F100000_with_a_loop_not_recursion()
    {
        var computed = StudentCode.Call($"Fibonacci.Iterative({Large})", () => fibonacci.Iterative(Large));
        Feedback.Require(
            computed == FibonacciOracle.Of(Large),
            $"Iterative({Large}) is not F({Large}).",
            () => Digits(computed),
            Digits(FibonacciOracle.Of(Large)),
            Hints.WrongFibonacci);

        var cycle = RecursionInspector.FindRecursion(
            RecursionInspector.Implementing(StudentClass.FibonacciClass, typeof(IFibonacci).GetMethod(nameof(IFibonacci.Iterative))!));
        Feedback.Require(
            cycle is null,
            "Iterative is recursive: a method it runs calls itself.",
            () => $"the call chain {cycle}",
            "a loop, with no method calling itself",
            Hints.RecursionInIterative);

        // Reading the code sees direct calls only; a recursion through a delegate or an interface shows in the stack it needs.
        var stack = $"{Thresholds.E11.LoopStackBytes / (1024 * 1024)} MB";
        var report = Path.GetTempFileName();
        try
        {
            string[] command = ["iterative-fibonacci", $"{Large}", "--report", report];
            var child = GraderProcess.RunToItsEnd(typeof(Program).Assembly.Location, new Dictionary<string, string>(), command);
            Feedback.Require(
                !child.Error.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase),
                "Iterative is recursive: its calls nest about n deep.",
                () => $"Iterative({Large}) overflowed a thread's stack of {stack} (in a child process, which ended with \"Stack overflow\")",
                "a loop, whose stack stays the same whatever n is",
                Hints.RecursionInIterative);
            GraderProcess.RequireNormalExit(child, command);

            // The same run, where a recursion that goes on on a fresh thread before its stack fills shows in the threads it starts.
            var started = File.ReadAllText(report).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
            Feedback.Require(
                started.Count == 2,
                $"Iterative({Large}) ended the child process before it returned.",
                () => $"exit code {child.ExitCode}, without the grader's count of the threads and tasks it started",
                "a return, after which the grader counts them",
                Hints.UnexpectedException);
            Feedback.Require(
                started.Sum() <= Thresholds.E11.StartedAllowance,
                "Iterative is recursive: its calls go on on other threads.",
                () => $"Iterative({Large}) started {Feedback.Count(started[0], "thread")} and {Feedback.Count(started[1], "task")} (in the child process, counted from the runtime's events)",
                $"a loop on the thread that calls it, which starts no thread or task (at most {Thresholds.E11.StartedAllowance} in all, for the runtime's own)",
                Hints.RecursionInIterative);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Test]
    public void Rejects_a_negative_n()
    {
        var n = -Seed.ForThisCheck().Next(1, 1000);

        ArgumentChecks.RequireRejects<ArgumentOutOfRangeException>($"Fibonacci.Iterative({n})", "n", () => fibonacci.Iterative(n));
    }

    private static string Digits(System.Numerics.BigInteger value)
    {
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return text.Length <= 40 ? text : $"{text[..15]}...{text[^15..]} ({text.Length} digits)";
    }
}
