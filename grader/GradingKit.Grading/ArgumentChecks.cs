namespace GradingKit.Grading;

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
        Feedback.Require(
            thrown is TException argument && argument.ParamName == parameter && thrown.GetType() == typeof(TException),
            $"{what} did not reject its argument as expected.",
            () => thrown switch
            {
                null => "it returned normally",
                ArgumentException argument => $"{thrown.GetType().Name} with ParamName \"{argument.ParamName}\"",
                _ => $"{thrown.GetType().Name}: {thrown.Message}",
            },
            expected,
            Hints.NotValidated);
    }
}
