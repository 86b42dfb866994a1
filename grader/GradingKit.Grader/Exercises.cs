// The submission is referenced behind the alias Submission (GradingKit.Grader.csproj): these eleven
// classes are all the checks can name of it. Whatever else it declares, in any namespace (an
// extension method named like one the checks call, a type named like one of the grader's), stays
// out of the grader's code.
extern alias Submission;

global using CpuCounter = Submission::GradingKit.Exercises.CpuCounter;
global using ExceptionCollector = Submission::GradingKit.Exercises.ExceptionCollector;
global using Fibonacci = Submission::GradingKit.Exercises.Fibonacci;
global using Futures = Submission::GradingKit.Exercises.Futures;
global using LockedLoop = Submission::GradingKit.Exercises.LockedLoop;
global using NumberCounter = Submission::GradingKit.Exercises.NumberCounter;
global using Pool = Submission::GradingKit.Exercises.Pool;
global using ResultMerger = Submission::GradingKit.Exercises.ResultMerger;
global using SharedArrayFiller = Submission::GradingKit.Exercises.SharedArrayFiller;
global using ThreadPerTask = Submission::GradingKit.Exercises.ThreadPerTask;
global using WallTimeModel = Submission::GradingKit.Exercises.WallTimeModel;
