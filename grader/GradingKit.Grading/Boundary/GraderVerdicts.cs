using System.Runtime.CompilerServices;

namespace GradingKit.Grading.Boundary;

/// <summary>
/// The exceptions the grader itself throws to end a check, remembered by identity: only these may
/// reach NUnit (<see cref="OnlyGraderVerdictsAttribute"/>). Identity cannot be forged by student
/// code, and checking it runs no member of the exception.
/// </summary>
public static class GraderVerdicts
{
    private static readonly ConditionalWeakTable<Exception, object> Thrown = new();
    private static readonly object Mark = new();

    /// <summary>A failure of the current check, to throw.</summary>
    /// <param name="message">The failure message.</param>
    /// <returns>The exception, remembered as the grader's own.</returns>
    public static AssertionException Failure(string message) => Remembered(new Failed(message));

    /// <summary>An inconclusive verdict on the current check, to throw: this machine cannot tell a correct solution from the mistake.</summary>
    /// <param name="message">Why, and what was measured.</param>
    /// <returns>The exception, remembered as the grader's own.</returns>
    public static InconclusiveException Inconclusive(string message) => Remembered(new Undecided(message));

    /// <summary>Whether the grader made <paramref name="exception"/> here.</summary>
    /// <param name="exception">An exception that ended a check.</param>
    /// <returns>True for the grader's own verdicts only.</returns>
    internal static bool AreTheGradersOwn(Exception exception) => Thrown.TryGetValue(exception, out _);

    private static T Remembered<T>(T verdict)
        where T : Exception
    {
        Thrown.Add(verdict, Mark);
        return verdict;
    }

    // NUnit shows the stack trace of the exception that ended a check under its message. A verdict's
    // message says everything (measured, expected, hint, seed); a trace into the grader's own files
    // would only send a student reading the grader. A student's exception keeps its own frames, in the
    // message (StudentCode.StackTraceOf).
    private sealed class Failed(string message) : AssertionException(message)
    {
        public override string? StackTrace => null;
    }

    private sealed class Undecided(string message) : InconclusiveException(message)
    {
        public override string? StackTrace => null;
    }
}
