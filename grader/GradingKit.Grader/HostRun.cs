using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace GradingKit.Grader;

/// <summary>
/// The grading host's side of an isolated grading run (the grade command supervises it): runs the
/// chosen exercises one after another in this process and reports each event on the authenticated
/// results channel (<see cref="HostChannel"/>) at once, so that the supervisor knows which exercise
/// was running if this process dies or hangs. After an exercise that left student work running, the
/// host stops, so that the next exercise's timing checks start in a fresh process.
/// </summary>
internal static class HostRun
{
    public static int Run(HostEventWriter events, IReadOnlyList<string> exercises, IReadOnlyList<string> checks, IReadOnlyDictionary<string, string> parameters)
    {
        GradingSession.Supervised = true; // what an exercise leaves behind is reported below, not by its fixture
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(typeof(HostRun).Assembly, new Dictionary<string, object>
        {
            ["TestParametersDictionary"] = parameters.ToDictionary(), // NUnit's FrameworkPackageSettings, internal in NUnit 5
            ["NumberOfTestWorkers"] = 0, // one check at a time, on this thread's worker: timing checks never overlap
        });
        foreach (var exercise in exercises)
        {
            events.Write(new HostEvent(HostEventKind.ExerciseStarted, exercise));
            var timers = System.Threading.Timer.ActiveCount;
            runner.Run(new Listener(events, exercise), Filter(exercise, checks));
            var escaped = StudentCode.EscapedOutsideCalls();
            var leftRunning = GradingSession.WorkLeftRunning();
            var leftTimers = System.Threading.Timer.ActiveCount > timers;
            events.Write(new HostEvent(HostEventKind.ExerciseFinished, exercise) { LeftRunning = leftRunning, LeftTimers = leftTimers ? true : null, Escaped = escaped });
            if ((leftRunning is not null || leftTimers) && exercise != exercises[^1])
            {
                return HostExitCodes.LeftWorkRunning;
            }
        }

        events.Write(new HostEvent(HostEventKind.Done, null));
        return HostExitCodes.Done;
    }

    /// <summary>The exercise's checks, or only the named ones (test methods, as the grade command names them).</summary>
    private static TestFilter Filter(string exercise, IReadOnlyList<string> checks) =>
        TestFilter.FromXml(checks.Count == 0
            ? $"<filter><cat>{exercise}</cat></filter>"
            : $"<filter><and><cat>{exercise}</cat><or>{string.Concat(checks.Select(check => $"<method>{System.Security.SecurityElement.Escape(check)}</method>"))}</or></and></filter>");

    private sealed class Listener(HostEventWriter events, string exercise) : ITestListener
    {
        private string? started;

        public void TestStarted(ITest test)
        {
            if (!test.IsSuite)
            {
                Start(test);
            }
        }

        public void TestFinished(ITestResult result)
        {
            if (result.Test.IsSuite)
            {
                return;
            }

            // NUnit reports the tests of a fixture whose one-time set-up failed as finished without
            // starting them; the supervisor accepts a test-finished only after its test-started.
            if (started != result.Test.FullName)
            {
                Start(result.Test);
            }

            started = null;
            events.Write(new HostEvent(HostEventKind.TestFinished, exercise)
            {
                Test = result.Test.FullName,
                Method = result.Test.MethodName,
                Name = result.Test.Name,
                Outcome = result.ResultState.Status.ToString(),
                Label = result.ResultState.Label,
                Message = result.Message,
                Output = result.Output,
                Timed = IsTimed(result.Test) ? true : null,
                Seconds = result.Duration,
                Picture = Timing.TakePicture(result.Test.FullName),
            });
        }

        public void TestOutput(TestOutput output)
        {
        }

        public void SendMessage(TestMessage message)
        {
        }

        /// <summary>Whether the test, or the method whose case it is, carries <see cref="TimedAttribute"/>'s category.</summary>
        private static bool IsTimed(ITest? test) =>
            test is not null && (test.Properties[PropertyNames.Category].Contains(TimedAttribute.Category) || (test.Parent is { IsSuite: true } method && method.Method is not null && IsTimed(method)));

        private void Start(ITest test)
        {
            started = test.FullName;
            events.Write(new HostEvent(HostEventKind.TestStarted, exercise) { Test = test.FullName });
        }
    }
}
