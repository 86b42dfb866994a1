// The submission is referenced behind the alias Implementation (GradingKit.StudentClasses.csproj):
// this file names its eleven exercise classes and nothing else of it, and hands them to the grader
// as the contract's interfaces. Whatever else a submission declares, in any namespace, stays out of
// the grader's code, and the grader's compiled code is the same for every submission.
extern alias Implementation;

using GradingKit.Contracts;
using Submitted = Implementation::GradingKit.Exercises;

namespace GradingKit.StudentClasses;

/// <summary>
/// The submission's exercise classes, each made with its public parameterless constructor and seen
/// only through the contract's interface. A submission whose class is missing, not public, without
/// that constructor or not implementing its interface does not compile here: the grade command
/// reports it as not built. Constructors are student code: create only through the grader's bounded
/// calls (StudentCode.Create).
/// </summary>
public static class StudentClass
{
    /// <summary>What this build grades, as -p:Implementation names it: starter, reference, or a project's path (for the checks' replay lines).</summary>
    public static string Implementation => Built.Implementation;

    /// <summary>E01: a new CpuCounter.</summary>
    /// <returns>The student's object.</returns>
    public static ICpuCounter CpuCounter() => new Submitted.CpuCounter();

    /// <summary>E02 and E03: a new ThreadPerTask.</summary>
    /// <returns>The student's object.</returns>
    public static IThreadPerTask ThreadPerTask() => new Submitted.ThreadPerTask();

    /// <summary>E03: a new WallTimeModel.</summary>
    /// <returns>The student's object.</returns>
    public static IWallTimeModel WallTimeModel() => new Submitted.WallTimeModel();

    /// <summary>E04 and E05: a new Pool.</summary>
    /// <returns>The student's object.</returns>
    public static IPool Pool() => new Submitted.Pool();

    /// <summary>E06: a new Futures.</summary>
    /// <returns>The student's object.</returns>
    public static IFutures Futures() => new Submitted.Futures();

    /// <summary>E07: a new ResultMerger.</summary>
    /// <returns>The student's object.</returns>
    public static IResultMerger ResultMerger() => new Submitted.ResultMerger();

    /// <summary>E08: a new LockedLoop.</summary>
    /// <returns>The student's object.</returns>
    public static ILockedLoop LockedLoop() => new Submitted.LockedLoop();

    /// <summary>E09: a new ExceptionCollector.</summary>
    /// <returns>The student's object.</returns>
    public static IExceptionCollector ExceptionCollector() => new Submitted.ExceptionCollector();

    /// <summary>E10: a new SharedArrayFiller.</summary>
    /// <returns>The student's object.</returns>
    public static ISharedArrayFiller SharedArrayFiller() => new Submitted.SharedArrayFiller();

    /// <summary>E11 and E12: a new Fibonacci.</summary>
    /// <returns>The student's object.</returns>
    public static IFibonacci Fibonacci() => new Submitted.Fibonacci();

    /// <summary>E11: the student's Fibonacci class itself, whose code the grader inspects for recursion.</summary>
    public static Type FibonacciClass { get; } = typeof(Submitted.Fibonacci);

    /// <summary>E13: a new NumberCounter.</summary>
    /// <returns>The student's object.</returns>
    public static INumberCounter NumberCounter() => new Submitted.NumberCounter();
}
