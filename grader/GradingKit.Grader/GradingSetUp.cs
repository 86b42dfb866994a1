// Every check of the grader ends only with the grader's own verdict, whatever reaches its thread.
[assembly: OnlyGraderVerdicts]

namespace GradingKit.Grader;

/// <summary>Prepares the process once before any check runs.</summary>
[SetUpFixture]
public sealed class GradingSetUp
{
    /// <summary>Raises the thread pool's minimum and guards against exceptions escaping student threads.</summary>
    [OneTimeSetUp]
    public void Start() => GradingSession.Start();
}
