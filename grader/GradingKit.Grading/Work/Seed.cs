using System.Globalization;

namespace GradingKit.Grading.Work;

/// <summary>
/// The data of every check is drawn fresh from a seed that the check prints, so that nothing can
/// be hard-coded and any failure can be replayed with the same data.
/// </summary>
public static class Seed
{
    /// <summary>A random source for the current check, seeded from the run parameter or afresh; the seed is printed.</summary>
    /// <returns>The random source.</returns>
    public static Random ForThisCheck()
    {
        var given = TestContext.Parameters.Get(RunParameters.Seed);
        var seed = given is null ? Random.Shared.Next() : int.Parse(given, CultureInfo.InvariantCulture);
        var test = TestContext.CurrentContext.Test;
        TestContext.Out.WriteLine(
            $"Seed {seed}. Replay this check with the same data: dotnet test grader/GradingKit.Grader{ImplementationSwitch()} -tl:off "
            + $"--filter \"FullyQualifiedName~{test.ClassName}.{test.MethodName}\" "
            + $"-- 'TestRunParameters.Parameter(name=\"{RunParameters.Seed}\", value=\"{seed}\")'");
        return new Random(seed);
    }

    /// <summary>
    /// What the running build grades, as its -p:Implementation switch names it: starter, reference or
    /// a project's path; set by the grader before its checks run. Null is the default, the starter.
    /// </summary>
    public static string? Implementation { get; set; }

    /// <summary>The -p:Implementation switch of the build being run, empty for the default (the starter).</summary>
    private static string ImplementationSwitch() =>
        Implementation is null or "starter" ? "" : $" -p:Implementation=\"{Implementation}\"";
}
