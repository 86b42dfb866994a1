using System.CommandLine;

namespace GradingKit.Grader;

/// <summary>
/// The grader's entry point, for runs outside a test runner: the checks that need a child process
/// (another DOTNET_PROCESSOR_COUNT), and the grading host that the grade command supervises.
/// Test runners do not use it.
/// </summary>
public static class Program
{
    /// <summary>Runs one command.</summary>
    /// <param name="args">processor-count, iterative-fibonacci N, or run with its options.</param>
    /// <returns>0 on success; 1 when student code threw; 3 when the host stopped after work left running.</returns>
    public static int Main(string[] args)
    {
        var processorCount = new Command("processor-count", "Print what CpuCounter.ProcessorCount() returns.");
        processorCount.SetAction(_ => Answer(() => StudentClass.CpuCounter().ProcessorCount()));

        var n = new Argument<int>("n") { Description = "Which Fibonacci number." };
        var report = new Option<FileInfo>("--report") { Description = "The file that receives the threads and the tasks the call started.", Required = true };
        var iterativeFibonacci = new Command(
            "iterative-fibonacci",
            $"Compute Fibonacci.Iterative(n) on a thread of a {Thresholds.E11.LoopStackBytes / (1024 * 1024)} MB stack and print ok: a recursion n deep overflows it and ends the process. "
            + "The threads and tasks it started go to the report file, which student code cannot write (the API policy bans file writes).")
        {
            n, report,
        };
        iterativeFibonacci.SetAction(result =>
        {
            using var counter = TaskCounter.Start();
            return Answer(
                () =>
                {
                    StudentClass.Fibonacci().Iterative(result.GetValue(n));
                    var (tasks, threads) = counter.Read();
                    File.WriteAllText(result.GetValue(report)!.FullName, $"{Math.Max(0, threads - 1)} {tasks}"); // less the thread the call runs on, the grader's own
                    return "ok";
                },
                Thresholds.E11.LoopStackBytes);
        });

        var events = new Option<FileInfo>("--events") { Description = "The file that receives one JSON line per event.", Required = true };
        var exercises = new Option<string[]>("--exercise") { Description = "An exercise to grade, in order (repeatable).", Required = true };
        var parameters = new Option<string[]>("--parameter") { Description = "A test run parameter, name=value (repeatable)." };
        var checks = new Option<string[]>("--check") { Description = "Only this check (a test method) of the exercises, to measure an undecided one again (repeatable)." };
        var run = new Command("run", "Grade exercises in this process, reporting to the events file under the key on the first line of standard input (the grade command's host).")
        {
            events, exercises, parameters, checks,
        };
        run.SetAction(result =>
        {
            // The key comes first, before the runner loads the checks and with them any student type.
            using var writer = HostEventWriter.Open(result.GetValue(events)!.FullName, Console.OpenStandardInput());
            var code = HostRun.Run(
                writer,
                result.GetValue(exercises)!,
                result.GetValue(checks) ?? [],
                (result.GetValue(parameters) ?? []).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty));

            // Ends threads that student code left running too: returning from Main would wait for foreground ones.
            Environment.Exit(code);
            return code;
        });

        return new RootCommand("The GradingKit grader's own commands.") { processorCount, iterativeFibonacci, run }.Parse(args).Invoke();
    }

    /// <summary>Prints what student code answers, from a thread of the given stack (0: the runtime's default); what it threw goes to standard error.</summary>
    /// <returns>0 for an answer; 1 when student code threw.</returns>
    private static int Answer(Func<object> studentCode, int stackBytes = 0)
    {
        object? answer = null;
        Exception? problem = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    answer = studentCode();
                }
                catch (Exception exception)
                {
                    problem = exception;
                }
            },
            stackBytes);
        thread.Start();
        thread.Join();
        if (problem is not null)
        {
            Console.Error.WriteLine(StudentCode.Describe(problem));
            return 1;
        }

        Console.WriteLine(answer);
        return 0;
    }
}
