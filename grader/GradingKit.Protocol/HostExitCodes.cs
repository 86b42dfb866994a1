namespace GradingKit.Protocol;

/// <summary>The grading host's exit codes, which the grade command reads.</summary>
public static class HostExitCodes
{
    /// <summary>Every exercise was graded.</summary>
    public const int Done = 0;

    /// <summary>
    /// The host stopped after an exercise that left student work running; the rest go on in a new host.
    /// The supervisor believes it only right after the host reported that exercise finished so: student
    /// code can exit with any code.
    /// </summary>
    public const int LeftWorkRunning = 3;
}
