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
        var child = RunToItsEnd(graderAssembly, environment, arguments);
        RequireNormalExit(child, arguments);
        return child.Output.Trim();
    }

    /// <summary>Fails the check where the child did not exit normally: the stub's message as it is, any other exception of student code as unexpected.</summary>
    /// <param name="child">How the child ended.</param>
    /// <param name="arguments">The command it ran, for the message.</param>
    public static void RequireNormalExit(ChildExit child, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(child);
        var problem = StudentCode.Printable(child.Error.Trim()); // student code writes there too
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
    }

    /// <summary>Runs <c>dotnet GRADER.dll ARGS</c> with extra environment variables and returns how it ended, whatever the exit code; a child that overruns the time limit of a student call fails the check.</summary>
    /// <param name="graderAssembly">The grader's assembly, whose entry point answers <paramref name="arguments"/>.</param>
    /// <param name="environment">Variables to set in the child.</param>
    /// <param name="arguments">The command for the entry point.</param>
    /// <returns>The child's exit code and what it printed.</returns>
    public static ChildExit RunToItsEnd(string graderAssembly, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = ChildProcess.Start(ChildProcess.DotnetHost, [graderAssembly, .. arguments]);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var child = ChildProcess.Run(start, Thresholds.StudentCalls.TimeLimit);
        if (child.OverranItsLimit)
        {
            Feedback.Fail(
                $"The child process `{string.Join(' ', arguments)}` did not finish within {Thresholds.StudentCalls.TimeLimit.TotalSeconds:0} s.",
                "still running", "a prompt answer", Hints.Hang);
        }

        return child;
    }
}
