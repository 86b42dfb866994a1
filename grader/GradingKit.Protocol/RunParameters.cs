namespace GradingKit.Protocol;

/// <summary>
/// The grader's test run parameters, which the grade command passes to the grading host and a student
/// passes to <c>dotnet test</c>, for example
/// <c>dotnet test grader/GradingKit.Grader -- 'TestRunParameters.Parameter(name="seed", value="123456")'</c>.
/// </summary>
public static class RunParameters
{
    /// <summary>Replays the data of the checks: every check draws it from this seed instead of a fresh one.</summary>
    public const string Seed = "seed";

    /// <summary>
    /// Scales the timing checks' slack and overheads (<see cref="Thresholds.Timing.Slack"/>, <see cref="Thresholds.Timing.Overhead"/>
    /// and <see cref="Thresholds.CpuTime.Overhead"/>) for a slow machine, for example
    /// <c>dotnet test grader/GradingKit.Grader -- 'TestRunParameters.Parameter(name="timing-scale", value="2")'</c>.
    /// </summary>
    public const string TimingScale = "timing-scale";

    /// <summary>Names a file that receives every timing attempt as a JSON line (the margins benchmark reads it).</summary>
    public const string TimingLog = "timing-log";
}
