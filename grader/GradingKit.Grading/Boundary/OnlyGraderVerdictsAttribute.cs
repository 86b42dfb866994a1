using System.Reflection;
using GradingKit.Grading.Checks;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace GradingKit.Grading.Boundary;

/// <summary>
/// Lets only the grader's own verdicts (<see cref="GraderVerdicts"/>) end a check. NUnit ends a check
/// as passed, inconclusive or skipped when a SuccessException, InconclusiveException or IgnoreException
/// reaches it from anywhere on the check's thread, and reads the message and stack trace of whatever
/// exception ends a check on that thread: student code that got an exception there could give itself
/// a verdict, or run its own getters where nothing bounds them. This wraps each test method so that
/// any other exception ends the check as a failure naming it, its text read on a bounded thread.
/// NUnit takes such a wrapper from the test method, or else its class, or else its assembly: on the
/// assembly it covers every test that brings no wrapper of its own, in the grading host
/// (NUnitTestAssemblyRunner) and under <c>dotnet test</c> alike, which build their tests the same way.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class OnlyGraderVerdictsAttribute : NUnitAttribute, IWrapTestMethod
{
    /// <inheritdoc />
    public TestCommand Wrap(TestCommand command) => new GuardedCommand(command);

    private sealed class GuardedCommand(TestCommand command) : DelegatingTestCommand(command)
    {
        public override TestResult Execute(TestExecutionContext context)
        {
            try
            {
                return innerCommand.Execute(context);
            }
            catch (Exception ended) when (!GraderVerdicts.AreTheGradersOwn(Unwrapped(ended)))
            {
                throw GraderVerdicts.Failure(FailureMessage(Unwrapped(ended)));
            }
        }

        // NUnit invokes a test method by reflection and wraps what it threw: the wrapper is NUnit's own, what it holds may not be.
        private static Exception Unwrapped(Exception ended) =>
            (ended.GetType() == typeof(NUnitException) || ended is TargetInvocationException) && ended.InnerException is { } cause ? cause : ended;

        private static string FailureMessage(Exception cause) =>
            cause is ResultStateException
                ? Feedback.Format(
                    $"The check ended with NUnit's {NUnitClassOf(cause).Name}, which only the grader may throw.",
                    StudentCode.Describe(cause),
                    "a verdict of the grader's own checks",
                    Hints.NUnitVerdict)
                : Feedback.Format(
                    $"The check ended with {cause.GetType().Name} instead of a verdict.",
                    $"{StudentCode.Describe(cause)}{Environment.NewLine}{StudentCode.StackTraceOf(cause)}",
                    "a verdict of the grader's own checks",
                    Hints.UnexpectedException);

        // A student's subclass of an NUnit exception is named by the NUnit class it derives from.
        private static Type NUnitClassOf(Exception exception)
        {
            var type = exception.GetType();
            while (type.Assembly != typeof(ResultStateException).Assembly)
            {
                type = type.BaseType!;
            }

            return type;
        }
    }
}
