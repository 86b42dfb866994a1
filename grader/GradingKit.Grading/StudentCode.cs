namespace GradingKit.Grading;

/// <summary>
/// Every call into student code goes through here: it runs on a thread of its own, bounded by
/// <see cref="Thresholds.StudentCallLimit"/>, so a hang fails the check instead of the run; an
/// unfinished stub, an unexpected exception or an exception escaping a worker thread fails it
/// with a message that says so.
/// </summary>
public static class StudentCode
{
    /// <summary>How every failure of an unfinished stub begins.</summary>
    public const string NotImplementedPrefix = "Not implemented yet: ";

    /// <summary>How a failure of student code reads: an unfinished stub by its message, anything else by type and message.</summary>
    /// <param name="error">What the student code threw.</param>
    /// <returns>One line for the report.</returns>
    public static string Describe(Exception error) =>
        error is NotImplementedException ? NotImplementedPrefix + error.Message : $"{error.GetType().FullName}: {error.Message}";

    /// <summary>Creates a student class with its parameterless constructor, bounded like any call.</summary>
    /// <typeparam name="T">The student class.</typeparam>
    /// <returns>The new instance.</returns>
    public static T Create<T>()
        where T : new() => Call($"new {typeof(T).Name}()", () => new T());

    /// <summary>Calls student code and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="what">The call, as the student wrote it (for example "Pool.Map(items, work, 3)").</param>
    /// <param name="call">The call.</param>
    /// <returns>What the call returned.</returns>
    public static T Call<T>(string what, Func<T> call)
    {
        var (result, error) = Run(what, call);
        if (error is not null)
        {
            FailWith(what, error);
        }

        return result!;
    }

    /// <summary>Calls student code that returns nothing.</summary>
    /// <param name="what">The call, as the student wrote it.</param>
    /// <param name="call">The call.</param>
    public static void Call(string what, Action call) => Call(what, () =>
    {
        call();
        return true;
    });

    /// <summary>Calls student code that must throw, and returns what it threw.</summary>
    /// <param name="what">The call, as the student wrote it.</param>
    /// <param name="call">The call.</param>
    /// <returns>The exception thrown, or null when the call returned normally.</returns>
    public static Exception? CallExpectingException(string what, Action call)
    {
        var (_, error) = Run(what, () =>
        {
            call();
            return true;
        });
        if (error is NotImplementedException)
        {
            FailWith(what, error);
        }

        return error;
    }

    /// <summary>Waits, bounded like a call, until a task that student code returned has completed.</summary>
    /// <param name="what">What the task stands for.</param>
    /// <param name="task">The task; the caller inspects how it ended (result, fault or cancellation).</param>
    public static void AwaitCompletion(string what, Task task)
    {
        ((IAsyncResult)task).AsyncWaitHandle.WaitOne(Thresholds.StudentCallLimit);
        if (!task.IsCompleted)
        {
            HangFailure(what);
        }

        ThrowIfNotImplemented(task.Exception);
    }

    /// <summary>Waits, bounded, for a task that student code returned, and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="what">What the task stands for.</param>
    /// <param name="task">The task.</param>
    /// <returns>The task's result; a faulted or canceled task fails the check.</returns>
    public static T Await<T>(string what, Task<T> task)
    {
        AwaitCompletion(what, task);
        if (task.IsCanceled)
        {
            Feedback.Fail($"The task of {what} was canceled.", "Canceled", "RanToCompletion", Hints.UnexpectedException);
        }

        if (task.Exception is { } fault)
        {
            FailWith(what, fault.InnerExceptions.Count == 1 ? fault.InnerExceptions[0] : fault);
        }

        return task.Result;
    }

    /// <summary>Moves a student's async enumerator on by one, bounded.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="what">The enumeration, as the student's method name.</param>
    /// <param name="enumerator">The enumerator.</param>
    /// <param name="limit">How long the next element may take.</param>
    /// <returns>Whether there was a next element, or null when none came within the limit.</returns>
    public static bool? TryMoveNext<T>(string what, IAsyncEnumerator<T> enumerator, TimeSpan limit)
    {
        var next = Call(what, () => enumerator.MoveNextAsync().AsTask());
        try
        {
            if (!next.Wait(limit))
            {
                return null;
            }
        }
        catch (AggregateException exception)
        {
            FailWith(what, exception.InnerExceptions.Count == 1 ? exception.InnerExceptions[0] : exception);
        }

        return next.Result;
    }

    private static (T? Result, Exception? Error) Run<T>(string what, Func<T> call)
    {
        GradingSession.TakeEscapedExceptions();
        T? result = default;
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = call();
                }
                catch (Exception exception)
                {
                    error = exception;
                }
            },
            Thresholds.StudentThreadStackBytes)
        {
            IsBackground = true,
            Name = "GradingKit: " + what,
        };
        thread.Start();
        if (!thread.Join(Thresholds.StudentCallLimit))
        {
            GradingSession.Abandon(thread);
            HangFailure(what);
        }

        var escaped = GradingSession.TakeEscapedExceptions();
        if (escaped.Count > 0)
        {
            Feedback.Fail(
                $"{what} let an exception escape a thread it started, which would end the whole program.",
                $"{escaped.Count} unhandled: {Feedback.List(escaped.Select(e => $"{e.GetType().Name}: {e.Message}"), 3)}",
                "no unhandled exception on any thread",
                Hints.EscapedThreadException);
        }

        return (result, error);
    }

    private static void ThrowIfNotImplemented(Exception? error)
    {
        var notDone = error switch
        {
            NotImplementedException e => e,
            AggregateException e => e.Flatten().InnerExceptions.OfType<NotImplementedException>().FirstOrDefault(),
            _ => null,
        };
        if (notDone is not null)
        {
            throw new AssertionException(Describe(notDone));
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void FailWith(string what, Exception error)
    {
        ThrowIfNotImplemented(error);
        Feedback.Fail(
            $"{what} threw {error.GetType().Name}.",
            $"{error.GetType().FullName}: {error.Message}{Environment.NewLine}{error.StackTrace}",
            "a normal return",
            Hints.UnexpectedException);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void HangFailure(string what) =>
        Feedback.Fail(
            $"{what} did not finish within {Thresholds.StudentCallLimit.TotalSeconds:0} s.",
            $"still running after {Thresholds.StudentCallLimit.TotalSeconds:0} s",
            "a return well within that",
            Hints.Hang);
}
