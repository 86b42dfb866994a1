// Every check of the grader ends only with the grader's own verdict, whatever reaches its thread.
[assembly: OnlyGraderVerdicts]

namespace GradingKit.Grader;

/// <summary>Prepares the process once before any check runs.</summary>
[SetUpFixture]
public sealed class GradingSetUp
{
    /// <summary>Raises the thread pool's minimum, guards against exceptions escaping student threads, and names the implementation for the checks' replay lines.</summary>
    [OneTimeSetUp]
    public void Start()
    {
        Seed.Implementation = StudentClass.Implementation;
        GradingSession.Start();
    }
}
