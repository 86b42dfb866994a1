namespace GradingKit.Cli;

/// <summary>What the report says of an exercise whose grading host went wrong, in a student's words: the one home of these messages.</summary>
internal static class HostFaults
{
    /// <summary>The exercise overran its limit (or the host made no progress before it began).</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="limit">How long an exercise may run.</param>
    /// <param name="test">The test it was running, if any.</param>
    /// <returns>The message.</returns>
    public static string Hang(string exercise, TimeSpan limit, string? test) =>
        $"{exercise} did not finish within {limit.TotalSeconds:0} s: a deadlock, or an endless loop? "
            + $"(it was running {ShortName(test)}; the grading host was ended)";

    /// <summary>The exercise ran more threads at once than a grading host may have.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="threads">The threads counted.</param>
    /// <param name="limit">The most a host may have.</param>
    /// <param name="test">The test it was running, if any.</param>
    /// <returns>The message.</returns>
    public static string TooManyThreads(string exercise, int threads, int limit, string? test) =>
        $"{exercise} ran {threads} threads at once, more than a grading host may have ({limit}): a thread per task for thousands of tasks, "
            + $"or threads that never end? Run many tasks on a few workers: the thread pool, Parallel.ForEach, or threads that take tasks from a queue "
            + $"(it was running {ShortName(test)}; the grading host was ended)";

    /// <summary>The host died during the exercise.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="exitCode">The host's exit code.</param>
    /// <param name="standardError">What the host printed on standard error.</param>
    /// <returns>The message.</returns>
    public static string Crashed(string exercise, int exitCode, string standardError) => $"{exercise} ended the grading host: {Crash(exitCode, standardError)}";

    /// <summary>The host died before it began any exercise: this one was to come after the first.</summary>
    /// <param name="exitCode">The host's exit code.</param>
    /// <param name="standardError">What the host printed on standard error.</param>
    /// <returns>The message.</returns>
    public static string DidNotStart(int exitCode, string standardError) => $"the grading host did not start: {Crash(exitCode, standardError)}";

    /// <summary>The host's events file held a line that the host's writer did not write, or one out of order.</summary>
    /// <param name="exercise">The exercise running then, or the next one.</param>
    /// <returns>The message.</returns>
    public static string Forged(string exercise) =>
        $"{exercise}: the grading host's report was forged or corrupted (an event that the grader did not write); the host was ended";

    /// <summary>What ended the host, in a student's words, from its exit code and what it printed.</summary>
    private static string Crash(int exitCode, string standardError)
    {
        var lines = standardError.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? Line(string start) => lines.FirstOrDefault(line => line.StartsWith(start, StringComparison.Ordinal));
        if (lines.Any(line => line.Contains("Stack overflow", StringComparison.Ordinal)))
        {
            var inStudentCode = lines.FirstOrDefault(line => line.StartsWith("at GradingKit.Exercises.", StringComparison.Ordinal));
            return $"a stack overflow: endless recursion?{(inStudentCode is null ? string.Empty : $" (in {inStudentCode[3..]})")}";
        }

        if (Line("Process terminated.") is { } terminated)
        {
            var message = lines.SkipWhile(line => line != terminated).Skip(1).FirstOrDefault();
            return $"Environment.FailFast: {terminated} {message}".Trim();
        }

        if (Line("Unhandled exception.") is { } unhandled)
        {
            return $"an unhandled exception: {unhandled["Unhandled exception.".Length..].Trim()}";
        }

        if (lines.Any(line => line.Contains("OutOfMemory", StringComparison.Ordinal)))
        {
            return "it ran out of memory (allocation without end?)";
        }

        return exitCode switch
        {
            0 => "Environment.Exit(0) ended the process before its checks were done",
            137 => "it was killed (exit code 137: out of memory, or killed from outside)",
            _ => $"it exited with code {exitCode} before its checks were done (Environment.Exit?){(lines.Length > 0 ? ": " + lines[^1] : string.Empty)}",
        };
    }

    private static string ShortName(string? test) => test is null ? "its set-up" : string.Join('.', test.Split('.')[^2..]);
}
