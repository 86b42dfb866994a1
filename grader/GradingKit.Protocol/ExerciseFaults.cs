namespace GradingKit.Protocol;

/// <summary>
/// What an exercise's code did outside its checks' calls, in a student's words: the fault that the
/// grade command charges the exercise with, and that a student's own <c>dotnet test</c> shows after the
/// exercise's checks.
/// </summary>
public static class ExerciseFaults
{
    /// <summary>What the exercise's code did outside its checks' calls: left work running, let exceptions escape; null where neither.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="leftRunning">What is still running, if anything.</param>
    /// <param name="escaped">The exceptions that escaped outside its calls, if any.</param>
    /// <returns>The message, or null.</returns>
    public static string? AfterItsChecks(string exercise, string? leftRunning, string? escaped)
    {
        string?[] faults =
        [
            leftRunning is null ? null : $"{exercise} left work running after its checks: {leftRunning}",
            escaped is null ? null : $"{exercise} let exceptions escape outside its calls, each of which would end a real program: {escaped}. "
                + "Catch them where they are thrown: in a finalizer (~Class()), a timer's callback, or a thread that runs on after the call returned",
        ];
        return faults.Any(fault => fault is not null) ? string.Join("; and ", faults.OfType<string>()) : null;
    }
}
