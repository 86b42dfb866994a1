using System.Diagnostics;

namespace GradingKit.Protocol;

/// <summary>How a program run to its end ended.</summary>
/// <param name="ExitCode">Its exit code; null where it overran its limit and was killed with its whole tree.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Error">What it wrote to standard error.</param>
public sealed record ChildExit(int? ExitCode, string Output, string Error)
{
    /// <summary>Whether it overran its limit (and was killed).</summary>
    public bool OverranItsLimit => ExitCode is null;

    /// <summary>Whether it ended with exit code 0.</summary>
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// The kit's one way to run a program to its end: its output and error read while it runs (a full
/// pipe never blocks it), and killed with its whole tree when it overruns its limit.
/// </summary>
public static class ChildProcess
{
    /// <summary>The dotnet host: the one that runs this process where that is dotnet itself; otherwise the one the SDK named, or the PATH's.</summary>
    public static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>A start of <paramref name="program"/> with <paramref name="arguments"/>, its output and error redirected.</summary>
    /// <param name="program">The program.</param>
    /// <param name="arguments">Its arguments, each passed as it is.</param>
    /// <param name="workingDirectory">Where it runs; null for the current folder.</param>
    /// <returns>The start, for <see cref="Run(ProcessStartInfo, TimeSpan)"/> (its environment may still be changed).</returns>
    public static ProcessStartInfo Start(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs a program to its end, or kills it with its whole tree at <paramref name="limit"/>.</summary>
    /// <param name="start">Its start, output and error redirected (<see cref="Start"/>).</param>
    /// <param name="limit">How long it may run.</param>
    /// <returns>How it ended.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started (not installed).</exception>
    public static ChildExit Run(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);

            // What it printed so far, unless something it started outside its tree still holds the pipes.
            Task.WaitAll([output, error], TimeSpan.FromSeconds(5));
            return new ChildExit(null, output.IsCompletedSuccessfully ? output.Result : string.Empty, error.IsCompletedSuccessfully ? error.Result : string.Empty);
        }

        return new ChildExit(process.ExitCode, output.Result, error.Result);
    }
}
