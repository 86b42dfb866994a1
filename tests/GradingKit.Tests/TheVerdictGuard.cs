using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace GradingKit.Tests;

/// <summary>
/// The safety net of the grader's checks: with <see cref="OnlyGraderVerdictsAttribute"/> a check ends
/// passed, inconclusive or skipped only by the grader's own code. NUnit decides that while it runs a
/// test, so the checks of <see cref="GuardedChecks"/> run here in NUnit's own runner, in this
/// process, as the grading host runs the grader (<c>dotnet test</c> builds its tests the same way).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TheVerdictGuard
{
    private static readonly Lazy<IReadOnlyDictionary<string, ITestResult>> Guarded = new(() => Run<GuardedChecks>());

    [TestCase(nameof(GuardedChecks.Throws_NUnits_SuccessException), "SuccessException")]
    [TestCase(nameof(GuardedChecks.Calls_Assert_Pass), "SuccessException")]
    [TestCase(nameof(GuardedChecks.Calls_Assert_Inconclusive), "InconclusiveException")]
    [TestCase(nameof(GuardedChecks.Calls_Assert_Ignore), "IgnoreException")]
    [TestCase($"{nameof(GuardedChecks.Throws_InconclusiveException_in_a_test_case)}(1)", "InconclusiveException")]
    [TestCase(nameof(GuardedChecks.Throws_an_assertion_that_claims_success), "AssertionException")]
    public void Fails_a_verdict_the_grader_did_not_give(string check, string verdict)
    {
        var result = Guarded.Value[check];

        result.ResultState.Status.ShouldBe(TestStatus.Failed);
        result.Message.ShouldStartWith($"The check ended with NUnit's {verdict}, which only the grader may throw.");
        result.Message.ShouldContain($"Hint:     {Hints.NUnitVerdict}");
    }

    [Test]
    public void Fails_an_exception_whose_message_throws_a_verdict_reading_it_on_its_own_thread()
    {
        var result = Guarded.Value[nameof(GuardedChecks.Throws_an_exception_whose_message_throws_SuccessException)];

        result.ResultState.Status.ShouldBe(TestStatus.Failed);
        result.Message.ShouldStartWith("The check ended with HostileException instead of a verdict.");
        result.Message.ShouldContain($"{typeof(GuardedChecks.HostileException).FullName}: <its Message threw SuccessException>");
        result.StackTrace.ShouldBeNullOrEmpty();
    }

    [Test]
    public void Keeps_the_graders_own_verdicts_as_they_are()
    {
        var inconclusive = Guarded.Value[nameof(GuardedChecks.Is_inconclusive_by_the_graders_timing_rule)];
        var failed = Guarded.Value[nameof(GuardedChecks.Fails_by_the_graders_feedback)];
        var passed = Guarded.Value[nameof(GuardedChecks.Returns)];

        inconclusive.ResultState.Status.ShouldBe(TestStatus.Inconclusive);
        inconclusive.Message.ShouldStartWith("Runner.Run(): undecided on this machine: ");
        failed.ResultState.Status.ShouldBe(TestStatus.Failed);
        failed.Message.ShouldBe(Feedback.Format("Runner.Run() ran too long.", "2 s", "1 s", Hints.Sequential));
        passed.ResultState.Status.ShouldBe(TestStatus.Passed);

        // The message says everything; a stack trace would point into the grader's own files.
        inconclusive.StackTrace.ShouldBeNullOrEmpty();
        failed.StackTrace.ShouldBeNullOrEmpty();
    }

    [Test]
    public void Is_what_stands_between_NUnit_and_a_forged_verdict()
    {
        var unguarded = Run<UnguardedChecks>();

        unguarded[nameof(UnguardedChecks.Throws_NUnits_SuccessException)].ResultState.Status.ShouldBe(TestStatus.Passed);
    }

    /// <summary>Runs one explicit fixture of this assembly as the grading host runs the grader, and returns its tests' results by name.</summary>
    private static Dictionary<string, ITestResult> Run<TFixture>()
    {
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(typeof(TFixture).Assembly, new Dictionary<string, object> { ["NumberOfTestWorkers"] = 0 });
        var results = new Dictionary<string, ITestResult>();
        runner.Run(new Results(results), TestFilter.FromXml($"<filter><class>{typeof(TFixture).FullName}</class></filter>"));
        return results;
    }

    private sealed class Results(Dictionary<string, ITestResult> results) : ITestListener
    {
        public void TestStarted(ITest test)
        {
        }

        public void TestFinished(ITestResult result)
        {
            if (!result.Test.IsSuite)
            {
                results[result.Test.Name] = result;
            }
        }

        public void TestOutput(TestOutput output)
        {
        }

        public void SendMessage(TestMessage message)
        {
        }
    }
}

/// <summary>Checks that end with every kind of verdict, guarded as the grader's are; only <see cref="TheVerdictGuard"/> runs them.</summary>
[TestFixture]
[Explicit("Run by TheVerdictGuard in a runner of its own: these checks end with forged verdicts on purpose.")]
[OnlyGraderVerdicts]
public sealed class GuardedChecks
{
    [Test]
    public void Throws_NUnits_SuccessException() => throw new SuccessException("forged");

    [Test]
    public void Calls_Assert_Pass() => Assert.Pass("forged");

    [Test]
    public void Calls_Assert_Inconclusive() => Assert.Inconclusive("forged");

    [Test]
    public void Calls_Assert_Ignore() => Assert.Ignore("forged");

    [TestCase(1)]
    public void Throws_InconclusiveException_in_a_test_case(int number) => throw new InconclusiveException($"forged {number}");

    [Test]
    public void Throws_an_assertion_that_claims_success() => throw new AssertionClaimingSuccess();

    [Test]
    public void Throws_an_exception_whose_message_throws_SuccessException() => throw new HostileException();

    [Test]
    public void Is_inconclusive_by_the_graders_timing_rule() =>
        Timing.Require(
            "Runner.Run()",
            TimingModel.WallTime(TimeSpan.FromMilliseconds(100), "one task", TimeSpan.FromMilliseconds(100), "the same task"),
            () => { },
            _ => Hints.Sequential);

    [Test]
    public void Fails_by_the_graders_feedback() => Feedback.Fail("Runner.Run() ran too long.", "2 s", "1 s", Hints.Sequential);

    [Test]
    public void Returns()
    {
    }

    /// <summary>A student's exception whose Message getter throws NUnit's SuccessException.</summary>
    public sealed class HostileException : Exception
    {
        /// <inheritdoc />
        public override string Message => throw new SuccessException("forged by a getter");
    }

    /// <summary>A student's subclass of NUnit's failure that tells NUnit it passed.</summary>
    public sealed class AssertionClaimingSuccess() : AssertionException("forged")
    {
        /// <inheritdoc />
        public override ResultState ResultState => ResultState.Success;
    }
}

/// <summary>The same forged verdict without the guard, to show what NUnit makes of it; only <see cref="TheVerdictGuard"/> runs it.</summary>
[TestFixture]
[Explicit("Run by TheVerdictGuard in a runner of its own: this check ends with a forged verdict on purpose.")]
public sealed class UnguardedChecks
{
    [Test]
    public void Throws_NUnits_SuccessException() => throw new SuccessException("forged");
}
