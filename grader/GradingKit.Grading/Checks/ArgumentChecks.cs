using GradingKit.Grading.Boundary;

namespace GradingKit.Grading.Checks;

/// <summary>Checks that student code rejects bad arguments with the exception that names the parameter.</summary>
public static class ArgumentChecks
{
    /// <summary>Fails the check unless <paramref name="call"/> throws <typeparamref name="TException"/> naming <paramref name="parameter"/>.</summary>
    /// <typeparam name="TException">The exception expected, for example ArgumentOutOfRangeException.</typeparam>
    /// <param name="what">The call, as the student wrote it.</param>
    /// <param name="parameter">The parameter the exception must name.</param>
    /// <param name="call">The call.</param>
    public static void RequireRejects<TException>(string what, string parameter, Action call)
        where TException : ArgumentException
    {
        var thrown = StudentCode.CallExpectingException(what, call);
        var expected = $"{typeof(TException).Name} with ParamName \"{parameter}\"";

        // ParamName is virtual: a student's subclass may override it, so it is read as text, on a thread of its own.
        var paramName = thrown is ArgumentException ? StudentCode.TextOf(thrown, "ParamName", e => ((ArgumentException)e).ParamName) : null;
        Feedback.Require(
            thrown?.GetType() == typeof(TException) && paramName == parameter,
            $"{what} did not reject its argument as expected.",
            () => thrown switch
            {
                null => "it returned normally",
                ArgumentException => $"{thrown.GetType().Name} with ParamName \"{paramName}\"",
                _ => $"{thrown.GetType().Name}: {StudentCode.MessageOf(thrown)}",
            },
            expected,
            Hints.NotValidated);
    }
}
