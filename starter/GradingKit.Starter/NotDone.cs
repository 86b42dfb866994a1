using System.Runtime.CompilerServices;

namespace GradingKit.Exercises;

/// <summary>The one message every unfinished member throws; delete its uses as you solve the exercises.</summary>
internal static class NotDone
{
    /// <summary>The exception that an unfinished member throws.</summary>
    /// <param name="exerciseId">The exercise, E01 to E13.</param>
    /// <param name="member">The member to write, as Class.Member.</param>
    /// <param name="file">Filled in by the compiler: the file that holds the member.</param>
    /// <returns>A <see cref="NotImplementedException"/> that says what to do.</returns>
    public static NotImplementedException Yet(string exerciseId, string member, [CallerFilePath] string file = "") =>
        new($"{exerciseId}: {member} is not implemented yet. Write it in {Path.GetFileName(file)}; "
            + "the comment above the class explains the exercise.");
}
