using System.Diagnostics;
using GradingKit.Grading.Boundary;
using GradingKit.Grading.Checks;

namespace GradingKit.Grading.Session;

/// <summary>Runs the grader's own assembly in a child process, for checks that need another runtime setting.</summary>
public static class GraderProcess
{
    /// <summary>Runs <c>dotnet GRADER.dll ARGS</c> with extra environment variables and returns what it printed.</summary>
    /// <param name="graderAssembly">The grader's assembly, whose entry point answers <paramref name="arguments"/>.</param>
    /// <param name="environment">Variables to set in the child.</param>
    /// <param name="arguments">The command for the entry point.</param>
    /// <returns>The child's standard output, trimmed.</returns>
    public static string Run(string graderAssembly, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(graderAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(Thresholds.StudentCalls.TimeLimit))
        {
            child.Kill(entireProcessTree: true);
            Feedback.Fail(
                $"The child process `{string.Join(' ', arguments)}` did not finish within {Thresholds.StudentCalls.TimeLimit.TotalSeconds:0} s.",
                "still running", "a prompt answer", Hints.Hang);
        }

        var problem = error.Result.Trim();
        if (child.ExitCode != 0 && problem.StartsWith(NotImplemented.Prefix, StringComparison.Ordinal))
        {
            throw GraderVerdicts.Failure(problem);
        }

        if (child.ExitCode != 0)
        {
            Feedback.Fail(
                $"Student code failed in the child process `{string.Join(' ', arguments)}` (exit code {child.ExitCode}).",
                problem,
                "a normal return",
                Hints.UnexpectedException);
        }

        return output.Result.Trim();
    }

    // The same host that runs this process when it is dotnet itself; otherwise the one the SDK named, or the PATH's.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
