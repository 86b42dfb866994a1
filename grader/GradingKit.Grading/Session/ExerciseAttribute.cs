using GradingKit.Grading.Boundary;
using NUnit.Framework.Interfaces;

namespace GradingKit.Grading.Session;

/// <summary>
/// Marks an exercise's fixture: NUnit category of the exercise's id (E01 .. E13), by which the grade
/// command and <c>--filter Category=E04</c> choose it. After the fixture's checks, in a student's own
/// <c>dotnet test</c>, it shows what the exercise's code did outside its checks' calls (work left
/// running, exceptions that escaped a finalizer, a timer or a thread that outlived its call), which the
/// grade command charges the exercise with as a fault. It says so on the fixture's error output, which
/// <c>dotnet test</c> prints as a warning below the checks (a fixture's failure after its checks passed
/// would not fail the run, and the adapter would not show it). A grading host reports it to the grade
/// command instead (<see cref="GradingSession.Supervised"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExerciseAttribute : CategoryAttribute, ITestAction
{
    /// <summary>Marks the class as the fixture of the exercise.</summary>
    /// <param name="id">The exercise's id, for example E04.</param>
    public ExerciseAttribute(string id)
        : base(id)
    {
    }

    /// <inheritdoc />
    public ActionTargets Targets => ActionTargets.Suite;

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        if (GradingSession.Supervised)
        {
            return;
        }

        if (ExerciseFaults.AfterItsChecks(Name, GradingSession.WorkLeftRunning(), StudentCode.EscapedOutsideCalls()) is { } fault)
        {
            TestContext.Error.WriteLine($"{fault}. The grade command counts this as a fault: {Name} earns nothing.");
        }
    }
}
