using System.Globalization;
using System.Reflection;

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

    /// <summary>The -p:Implementation switch of the build being run, empty for the default (the starter).</summary>
    private static string ImplementationSwitch()
    {
        var implementation = AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(a => a.GetCustomAttributes<AssemblyMetadataAttribute>())
            .FirstOrDefault(a => a.Key == "Implementation")?.Value;
        return implementation is null or "starter" ? "" : $" -p:Implementation=\"{implementation}\"";
    }
}
