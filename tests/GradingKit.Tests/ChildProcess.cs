namespace GradingKit.Tests;

/// <summary>What a program run by the kit's tests ended with.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Error">What it wrote to standard error.</param>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
}

/// <summary>
/// Runs a program as a user's shell would: without the test runner's variables (the outer test
/// host's settings must not leak into a nested run), its output captured, and killed with its
/// whole tree when it overruns its limit.
/// </summary>
internal static class ChildProcess
{
    public static ProcessResult Run(
        string workingDirectory, string program, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null) =>
        Run(workingDirectory, program, arguments, limit, environment, exactly: false);

    /// <summary>Runs a program with exactly the given environment (as a platform's action gives its commands), nothing inherited.</summary>
    public static ProcessResult RunExactly(
        string workingDirectory, string program, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string> environment) =>
        Run(workingDirectory, program, arguments, limit, environment, exactly: true);

    private static ProcessResult Run(
        string workingDirectory, string program, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment, bool exactly)
    {
        var start = Protocol.ChildProcess.Start(program, arguments, workingDirectory);
        foreach (var name in start.Environment.Keys.Where(name => exactly || GraderRun.IsRunnerVariable(name)).ToList())
        {
            start.Environment.Remove(name);
        }

        // A nested build leaves no MSBuild node running: one would outlive the test and hold its files and locks.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var run = Protocol.ChildProcess.Run(start, limit);
        return run.ExitCode is { } exitCode
            ? new ProcessResult(exitCode, run.Output, run.Error)
            : throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} took over {limit}.");
    }
}
