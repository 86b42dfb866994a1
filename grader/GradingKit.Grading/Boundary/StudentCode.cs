using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GradingKit.Grading.Checks;
using GradingKit.Grading.Session;

namespace GradingKit.Grading.Boundary;

/// <summary>
/// Every call into student code goes through here: it runs on a thread of its own, bounded by
/// <see cref="Thresholds.StudentCalls.TimeLimit"/>, so a hang fails the check instead of the run; an
/// unfinished stub, an unexpected exception or an exception escaping a worker thread fails it
/// with a message that says so.
/// <para>
/// The check's thread never runs a member of an object that student code made: a getter there
/// could hang where nothing bounds it, or throw NUnit's own verdicts. So a call's delegate hands
/// back plain data the grader owns, copying what the student's code returned while still on the
/// student's thread (<see cref="CopyOf{T}(IReadOnlyList{T})"/>); an object it hands back as it is
/// (a task, an enumerator) only ever goes into another call; and the text of a student's exception
/// is read on a bounded thread of its own (<see cref="Describe"/>, <see cref="MessageOf"/>).
/// Type tests and identity (ReferenceEquals) run no student code and are safe anywhere.
/// </para>
/// </summary>
public static partial class StudentCode
{
    /// <summary>How much of a text from student code the reports keep (<see cref="Printable"/>): enough for any message and stack trace a student means to show.</summary>
    public const int TextKept = 4000;

    /// <summary>How a failure of student code reads: an unfinished stub by its message, anything else by type and message.</summary>
    /// <param name="error">What the student code threw.</param>
    /// <returns>One line for the report; the message is read as <see cref="MessageOf"/> reads it.</returns>
    public static string Describe(Exception error) =>
        error is NotImplementedException ? NotImplemented.Prefix + MessageOf(error) : $"{error.GetType().FullName}: {MessageOf(error)}";

    /// <summary>
    /// What escaped the threads of student code outside its calls since the last time (<see cref="GradingSession.TakeEscapedOutsideCalls"/>):
    /// from a finalizer, a timer, or a thread that outlived its call. Each would end a real program, and
    /// no check can answer for it, so the exercise does.
    /// </summary>
    /// <returns>How many, and the kinds of the first few; null where none escaped.</returns>
    public static string? EscapedOutsideCalls()
    {
        var escaped = GradingSession.TakeEscapedOutsideCalls();
        return escaped.Count == 0 ? null : $"{Feedback.Count(escaped.Count, "unhandled exception")} ({Unhandled(escaped)})";
    }

    /// <summary>
    /// The first three exceptions that escaped student code's threads (each text is read on a bounded thread
    /// of its own), each by type, message and where it was thrown ("InvalidOperationException: boom at
    /// Class.Method() in File.cs:line 12", the file without its folder), each kind once.
    /// </summary>
    private static string Unhandled(IReadOnlyList<Exception> escaped)
    {
        string Where(Exception error) =>
            StackTraceOf(error).Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault(line => line.StartsWith("at ", StringComparison.Ordinal)) is { } frame
                ? " " + FramesFolder().Replace(frame, " in ")
                : string.Empty;

        return Feedback.List(escaped.Take(3).Select(error => $"{error.GetType().Name}: {MessageOf(error)}{Where(error)}").Distinct().ToList(), kind => kind);
    }

    /// <summary>The message of an exception from student code, read on a thread of its own.</summary>
    /// <param name="error">The exception.</param>
    /// <returns>Its message, or a text saying that reading it threw or did not return.</returns>
    public static string MessageOf(Exception error) => TextOf(error, "Message", e => e.Message);

    /// <summary>
    /// The stack trace of an exception from student code, read on a thread of its own, without the
    /// grader's frames: the student's own frames show where it went wrong, the grader's would only
    /// send a student reading the grader.
    /// </summary>
    /// <param name="error">The exception.</param>
    /// <returns>Its stack trace, or a text saying that reading it threw or did not return.</returns>
    public static string StackTraceOf(Exception error) =>
        string.Join(
            Environment.NewLine,
            TextOf(error, "StackTrace", e => e.StackTrace).Split(Environment.NewLine).Where(line => !GradersFrame().IsMatch(line)));

    /// <summary>
    /// Reads one property of an exception from student code as text, on a thread of its own bounded
    /// by <see cref="Thresholds.StudentCalls.TextLimit"/> and catching everything: a student's subclass
    /// may override the getter.
    /// </summary>
    /// <param name="error">The exception.</param>
    /// <param name="property">The property's name, for the text that replaces it when reading fails.</param>
    /// <param name="read">Reads it.</param>
    /// <returns>The text (empty for null) as the reports may show it (<see cref="Printable"/>), or "&lt;its Message threw SuccessException&gt;", or "&lt;its Message did not return within 5 s&gt;".</returns>
    public static string TextOf(Exception error, string property, Func<Exception, string?> read)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(read);
        string? text = null;
        var reader = new Thread(() =>
        {
            try
            {
                text = read(error) ?? string.Empty;
            }
            catch (Exception thrown)
            {
                text = $"<its {property} threw {thrown.GetType().Name}>";
            }
        })
        {
            IsBackground = true,
            Name = $"GradingKit: the {property} of a {error.GetType().Name}",
        };
        reader.Start();
        if (!reader.Join(Thresholds.StudentCalls.TextLimit))
        {
            GradingSession.Abandon(reader);
            return $"<its {property} did not return within {Thresholds.StudentCalls.TextLimit.TotalSeconds:0} s>";
        }

        return Printable(text!);
    }

    /// <summary>
    /// Text from student code as a report may show it: where it would reach a terminal or a page, a
    /// control or formatting character (a terminal's escape sequence that clears the screen or paints
    /// a forged score, a carriage return that overwrites a line, a bidirectional override that reorders
    /// it) is written as \uXXXX instead, line breaks kept; and no more than <see cref="TextKept"/>
    /// characters of it.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, safe to print.</returns>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings(); // a lone carriage return too: it would overwrite the line
        var printable = new System.Text.StringBuilder(Math.Min(lines.Length, TextKept));
        foreach (var c in lines.AsSpan(0, Math.Min(lines.Length, TextKept)))
        {
            var unsafeToPrint = c is not ('\r' or '\n' or '\t') && (char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
            printable.Append(unsafeToPrint ? $"\\u{(int)c:X4}" : c);
        }

        return lines.Length > TextKept ? $"{printable} ... ({lines.Length - TextKept} more characters)" : printable.ToString();
    }

    /// <summary>
    /// Copies a list that student code returned into an array the grader owns, with a plain loop
    /// over its Count and indexer. Call it inside the call's delegate, on the student's thread:
    /// the list may be the student's own class.
    /// </summary>
    /// <typeparam name="T">The element type: plain values (numbers, strings, the contract's sealed types).</typeparam>
    /// <param name="list">What student code returned.</param>
    /// <returns>The copy, or null for null.</returns>
    [return: NotNullIfNotNull(nameof(list))]
    public static T[]? CopyOf<T>(IReadOnlyList<T>? list)
    {
        if (list is null)
        {
            return null;
        }

        var copy = new T[list.Count];
        for (var index = 0; index < copy.Length; index++)
        {
            copy[index] = list[index];
        }

        return copy;
    }

    /// <summary>
    /// Copies a dictionary that student code returned into one the grader owns, by enumerating it.
    /// Call it inside the call's delegate, on the student's thread: the dictionary may be the
    /// student's own class.
    /// </summary>
    /// <typeparam name="TKey">The key type: plain values.</typeparam>
    /// <typeparam name="TValue">The value type: plain values.</typeparam>
    /// <param name="dictionary">What student code returned.</param>
    /// <returns>The copy, or null for null; a key that comes twice throws, as an exception of the call.</returns>
    [return: NotNullIfNotNull(nameof(dictionary))]
    public static Dictionary<TKey, TValue>? CopyOf<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? dictionary)
        where TKey : notnull
    {
        if (dictionary is null)
        {
            return null;
        }

        var copy = new Dictionary<TKey, TValue>();
        foreach (var (key, value) in dictionary)
        {
            copy.Add(key, value);
        }

        return copy;
    }

    /// <summary>Creates a student object with its class's parameterless constructor, bounded like any call.</summary>
    /// <typeparam name="T">The contract's interface that the class implements.</typeparam>
    /// <param name="create">The constructor's call (StudentClass.Pool and the like).</param>
    /// <param name="expression">Filled in by the compiler: the argument as written, whose last name is the class's.</param>
    /// <returns>The new instance, to be used only inside further calls.</returns>
    public static T Create<T>(Func<T> create, [CallerArgumentExpression(nameof(create))] string expression = "")
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Call($"new {expression[(expression.LastIndexOf('.') + 1)..]}()", create);
    }

    /// <summary>Calls student code and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="what">The call, as the student wrote it (for example "Pool.Map(items, work, 3)").</param>
    /// <param name="call">
    /// The call. What it returns must be plain data the grader owns (copy a student's list inside it
    /// with <see cref="CopyOf{T}(IReadOnlyList{T})"/>), or an object that only goes into further calls.
    /// </param>
    /// <returns>What the call returned.</returns>
    public static T Call<T>(string what, Func<T> call) => Call(what, call, Thresholds.StudentCalls.TimeLimit);

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
    /// <param name="call">The call; whatever it keeps of the student's results must be copied inside it, as for <see cref="Call{T}(string, Func{T})"/>.</param>
    /// <returns>The exception thrown, or null when the call returned normally: its type and identity are safe to test, its text only through <see cref="MessageOf"/>.</returns>
    public static Exception? CallExpectingException(string what, Action call)
    {
        var (_, error) = Run(what, () =>
        {
            call();
            return true;
        }, Thresholds.StudentCalls.TimeLimit);
        if (error is NotImplementedException)
        {
            FailWith(what, error);
        }

        return error;
    }

    /// <summary>Waits, bounded like a call, until a task that student code returned has completed, and reads how it ended.</summary>
    /// <param name="what">What the task stands for.</param>
    /// <param name="task">The task.</param>
    /// <returns>How it ended; a task that did not complete in time, or that an unfinished stub faulted, fails the check.</returns>
    public static TaskEnding AwaitCompletion(string what, Task task)
    {
        // The wait runs on the student's thread too: waiting can run the task's own code (inlining, a student's scheduler).
        var idsBefore = LoadAverage.LastProcessId();
        var ending = Call(
            what,
            () => ((IAsyncResult)task).AsyncWaitHandle.WaitOne(Thresholds.StudentCalls.TimeLimit)
                ? new TaskEnding(task.Status, task.Exception?.Flatten().InnerExceptions.ToArray() ?? []) { Held = task.Exception?.InnerExceptions.ToArray() ?? [] }
                : null,
            Thresholds.StudentCalls.TimeLimit + Thresholds.StudentCalls.TimeLimit);
        if (ending is null)
        {
            // As for a call that never returns (Join): the threads started while it ran tell a thread per tiny task from a deadlock.
            HangFailure(what, Thresholds.StudentCalls.TimeLimit, idsBefore is { } before && LoadAverage.LastProcessId() is { } now ? LoadAverage.IdsBetween(before, now) : null);
        }

        ThrowIfNotImplemented(ending.Faults);
        return ending;
    }

    /// <summary>Waits, bounded, for a task that student code returned, and returns its result copied on a student's thread.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <typeparam name="TCopy">The grader's copy of it.</typeparam>
    /// <param name="what">What the task stands for.</param>
    /// <param name="task">The task.</param>
    /// <param name="copy">Copies the result, for example <see cref="CopyOf{T}(IReadOnlyList{T})"/>.</param>
    /// <returns>The copy; a faulted or canceled task fails the check.</returns>
    public static TCopy Await<T, TCopy>(string what, Task<T> task, Func<T, TCopy> copy)
    {
        var ending = AwaitCompletion(what, task);
        if (ending.IsCanceled)
        {
            Feedback.Fail($"The task of {what} was canceled.", "Canceled", "RanToCompletion", Hints.UnexpectedException);
        }

        if (ending.IsFaulted)
        {
            FailWith(what, ending.Faults.Count == 1 ? ending.Faults[0] : new AggregateException(ending.Faults));
        }

        return Call(what, () => copy(task.Result));
    }

    /// <summary>Waits, bounded, for a task that student code returned, and returns its result as it is.</summary>
    /// <typeparam name="T">The result type: plain data, or a result the check ignores (copy a list with the other overload).</typeparam>
    /// <param name="what">What the task stands for.</param>
    /// <param name="task">The task.</param>
    /// <returns>The task's result; a faulted or canceled task fails the check.</returns>
    public static T Await<T>(string what, Task<T> task) => Await(what, task, result => result);

    /// <summary>Moves a student's async enumerator on by one, bounded, and reads its current element in the same call.</summary>
    /// <typeparam name="T">The element type: plain data or the contract's sealed types.</typeparam>
    /// <param name="what">The enumeration, as the student's method name.</param>
    /// <param name="enumerator">The enumerator.</param>
    /// <param name="limit">How long the next element may take.</param>
    /// <param name="current">The element it moved to; default when it did not move.</param>
    /// <returns>Whether there was a next element, or null when none came within the limit.</returns>
    public static bool? TryMoveNext<T>(string what, IAsyncEnumerator<T> enumerator, TimeSpan limit, out T? current)
    {
        (bool? moved, current) = Call(
            what,
            () =>
            {
                var next = enumerator.MoveNextAsync().AsTask();
                if (!((IAsyncResult)next).AsyncWaitHandle.WaitOne(limit))
                {
                    return ((bool?)null, default(T));
                }

                var movedOn = next.GetAwaiter().GetResult(); // a fault throws the exception itself, not an AggregateException
                return ((bool?)movedOn, movedOn ? enumerator.Current : default);
            },
            Thresholds.StudentCalls.TimeLimit + limit);
        return moved;
    }

    /// <summary>Calls student code and returns its result, failing the check when the call runs past <paramref name="bound"/>.</summary>
    internal static T Call<T>(string what, Func<T> call, TimeSpan bound)
    {
        var (result, error) = Run(what, call, bound);
        if (error is not null)
        {
            FailWith(what, error);
        }

        return result!;
    }

    private static (T? Result, Exception? Error) Run<T>(string what, Func<T> call, TimeSpan bound)
    {
        GradingSession.SetAsideEscapedExceptions();
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
            Thresholds.StudentCalls.ThreadStackBytes)
        {
            IsBackground = true,
            Name = "GradingKit: " + what,
        };
        thread.Start();
        if (!Join(thread, bound, out var threadsStarted))
        {
            GradingSession.Abandon(thread);
            HangFailure(what, bound, threadsStarted);
        }

        var escaped = GradingSession.TakeEscapedExceptions();
        if (escaped.Count > 0)
        {
            Feedback.Fail(
                $"{what} let an exception escape a thread it started, which would end the whole program.",
                $"{escaped.Count} unhandled: {Unhandled(escaped)}",
                "no unhandled exception on any thread",
                Hints.EscapedThreadException);
        }

        return (result, error);
    }

    // Only type tests and the exceptions' own lists, which a student's subclass cannot override: no student code runs.
    private static void ThrowIfNotImplemented(IEnumerable<Exception> errors)
    {
        var pending = new Queue<Exception>(errors);
        while (pending.TryDequeue(out var error))
        {
            switch (error)
            {
                case NotImplementedException notDone:
                    throw GraderVerdicts.Failure(Describe(notDone));
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        pending.Enqueue(inner);
                    }

                    break;
            }
        }
    }

    [DoesNotReturn]
    private static void FailWith(string what, Exception error)
    {
        ThrowIfNotImplemented([error]);
        Feedback.Fail(
            $"{what} threw {error.GetType().Name}.",
            $"{error.GetType().FullName}: {MessageOf(error)}{Environment.NewLine}{StackTraceOf(error)}",
            "a normal return",
            HintFor(error) ?? Hints.UnexpectedException);
    }

    /// <summary>
    /// The mistake an exception from student code points to, where its type and the runtime's frames it
    /// came from tell one: an arithmetic overflow; or a collection of System.Collections.Generic that threw
    /// what only two threads changing it at once make it throw (its enumeration broken by a change, its
    /// state corrupted, an index past its end while it grew). Only type tests and the runtime's own stack
    /// trace of the runtime's own exception types are read: no student code runs.
    /// </summary>
    /// <param name="error">What the student code threw (the first cause inside an AggregateException).</param>
    /// <returns>The hint, or null where the exception tells no mistake of its own.</returns>
    public static Hint? HintFor(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var cause = error;
        while (cause is AggregateException { InnerExceptions: [var inner, ..] })
        {
            cause = inner;
        }

        if (cause is OverflowException)
        {
            return Hints.ArithmeticOverflow;
        }

        var type = cause.GetType();
        if (type.Assembly != typeof(object).Assembly)
        {
            return null;
        }

        // The runtime's own frames, from the throw on: they may lack a collection's small methods, which the JIT inlines into their caller.
        var frames = new System.Diagnostics.StackTrace(cause, fNeedFileInfo: false).GetFrames().Select(frame => frame.GetMethod()).ToList();
        var thrower = frames.TakeWhile(method => method?.DeclaringType is { } declaring && (declaring.Name == "ThrowHelper" || declaring == typeof(Array))).ToList();
        var collection = frames.Skip(thrower.Count).TakeWhile(method => method?.DeclaringType?.Namespace == "System.Collections.Generic").Select(method => method!.Name).ToList();
        var broken = thrower.Any(method => method!.Name.Contains("EnumFailedVersion", StringComparison.Ordinal) || method.Name.Contains("ConcurrentOperationsNotSupported", StringComparison.Ordinal))
            || (collection.Count > 0 && (type == typeof(InvalidOperationException) || type == typeof(IndexOutOfRangeException) || type == typeof(NullReferenceException)));
        var outgrown = type == typeof(ArgumentException) && collection.Any(name => name is "set_Capacity" or "Grow" or "Resize" or "AddWithResize" or "EnsureCapacity");
        return broken || outgrown ? Hints.UnsafeSharedCollection : null;
    }

    /// <summary>
    /// Waits for a call's thread, at most <paramref name="bound"/>, and counts meanwhile (Linux) the threads
    /// and processes started, so that a call that never ends can be told from a deadlock: a thread per task
    /// of many tiny tasks starts thousands.
    /// </summary>
    /// <param name="thread">The call's thread, started.</param>
    /// <param name="bound">How long the call may take.</param>
    /// <param name="started">Where the call did not end: the threads started while it ran, or null where the system does not tell.</param>
    /// <returns>Whether the call ended in time.</returns>
    private static bool Join(Thread thread, TimeSpan bound, out int? started)
    {
        var clock = Stopwatch.StartNew();
        var last = LoadAverage.LastProcessId();
        var count = 0;
        while (true)
        {
            var left = bound - clock.Elapsed;
            var every = Thresholds.StudentCalls.ThreadsStartedEvery;
            if (thread.Join(left < TimeSpan.Zero ? TimeSpan.Zero : left < every ? left : every))
            {
                started = null;
                return true;
            }

            if (last is { } before && LoadAverage.LastProcessId() is { } now)
            {
                count += LoadAverage.IdsBetween(before, now);
                last = now;
            }

            if (clock.Elapsed >= bound)
            {
                started = last is null ? null : count;
                return false;
            }
        }
    }

    [DoesNotReturn]
    private static void HangFailure(string what, TimeSpan bound, int? threadsStarted = null)
    {
        var churned = threadsStarted > Thresholds.StudentCalls.ThreadsStartedByAHang;
        Feedback.Fail(
            $"{what} did not finish within {bound.TotalSeconds:0} s.",
            $"still running after {bound.TotalSeconds:0} s{(churned ? string.Create(CultureInfo.InvariantCulture, $"; about {threadsStarted:N0} threads were started while it ran") : string.Empty)}",
            "a return well within that",
            churned ? Hints.ThreadPerTinyTask : Hints.Hang);
    }

    /// <summary>A line of a stack trace in the grader's own code (its library or its checks).</summary>
    [GeneratedRegex(@"^\s*at GradingKit\.(Grading|Protocol|Grader)\.")]
    private static partial Regex GradersFrame();

    /// <summary>The folder of a stack trace line's file, with the " in " before it.</summary>
    [GeneratedRegex(@" in .*[/\\]")]
    private static partial Regex FramesFolder();
}
