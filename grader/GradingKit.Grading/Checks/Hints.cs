namespace GradingKit.Grading.Checks;

/// <summary>The one home of the hint texts: every classic mistake the checks recognise, named once.</summary>
public static class Hints
{
    public static readonly Hint NotImplemented = new(
        "Not written yet", "Replace the `throw NotDone.Yet(...)` line with your solution.");

    public static readonly Hint Hang = new(
        "A deadlock, an endless loop, or a wait for work that never ends",
        "Check every Join, Wait, Result and lock: does each one end?");

    /// <summary>A call that did not end after starting thousands of threads (<see cref="Thresholds.StudentCalls.ThreadsStartedByAHang"/>).</summary>
    public static readonly Hint ThreadPerTinyTask = new(
        "A thread per task, for thousands of tiny tasks",
        "Starting a thread costs far more than a tiny task does: run the tasks on a few workers (Parallel.For, tasks on the thread pool, or P threads that take tasks from a queue).");

    public static readonly Hint UnexpectedException = new(
        "An exception from your own code",
        "Read the exception and its stack trace; the check's tasks themselves do not throw here.");

    /// <summary>An exception that only a collection changed by two threads at once throws (<see cref="Boundary.StudentCode.HintFor"/>).</summary>
    public static readonly Hint UnsafeSharedCollection = new(
        "A collection changed by several threads at once",
        "List<T>, Dictionary<TKey, TValue> and their kin are not thread-safe: give each worker its own and merge them at the end, put every use under one lock, or use a collection of System.Collections.Concurrent.");

    public static readonly Hint ArithmeticOverflow = new(
        "An arithmetic overflow",
        "A number outgrew its type: int holds up to 2,147,483,647 and long up to about 9.2 x 10^18 (F(92)); compute in long, or in BigInteger where numbers grow without bound.");

    /// <summary>Student code ended a check with NUnit's own exception, which only the grader may throw.</summary>
    public static readonly Hint NUnitVerdict = new(
        "NUnit's verdict from your own code",
        "Leave NUnit to the grader: return your results and throw ordinary exceptions; only the grader decides that a check passed.");

    public static readonly Hint EscapedThreadException = new(
        "An exception left a thread you started",
        "Catch inside the thread's body and hand the exception to the caller (for example as an AggregateException after Join).");

    public static readonly Hint HardCodedCpuCount = new(
        "A hard-coded processor count", "Ask the runtime: Environment.ProcessorCount.");

    public static readonly Hint Sequential = new(
        "Sequential execution", "Start all the work first, then wait for it: the tasks must overlap in time.");

    public static readonly Hint JoinRightAfterStart = new(
        "Joining each thread right after starting it",
        "Start every thread in one loop, then Join them all in a second loop.");

    public static readonly Hint NotDedicatedThreads = new(
        "Not one dedicated thread per task",
        "Create a `new Thread(...)` for every task; do not reuse threads, run tasks on the caller, or use the thread pool.");

    public static readonly Hint BusyWaiting = new(
        "Busy waiting",
        "Wait with Thread.Join, Task.Wait or await, which sleep until the work is done, not with a loop that keeps checking IsAlive or a flag.");

    public static readonly Hint WorkNotRun = new(
        "Work skipped, or run somewhere the process cannot see",
        "Run every task once, in this process, and wait for each to finish.");

    public static readonly Hint WorkersIgnored = new(
        "The number of workers ignored",
        "Use exactly `workers` workers (ParallelOptions.MaxDegreeOfParallelism, WithDegreeOfParallelism, a SemaphoreSlim of that size): with one, the work runs on one thread, the baseline that the speed-up is measured against.");

    public static readonly Hint WorkersAtOnce = new(
        "Fewer workers at once than asked",
        "Start all `workers` workers before waiting for any; each takes the next item as soon as it is free.");

    public static readonly Hint Contention = new(
        "Workers fighting over shared data (one shared dictionary, even a ConcurrentDictionary, or a lock per number)",
        "Give each worker its own dictionary and merge them once at the end: the parallel run should cost about the CPU time of one worker, not several times it.");

    public static readonly Hint NoSpeedUp = new(
        "No speed-up: one file after another, or every count under one lock",
        "Give each worker its own files and its own dictionary, and merge the dictionaries once at the end.");

    public static readonly Hint GarbageCollection = new(
        "Threads waiting for the garbage collector",
        "Reading whole files into memory (File.ReadAllLines, or File.ReadAllText and Split) keeps every line alive at once: the collector stops every thread to move them, "
        + "and more workers run no faster than one. Read line by line with File.ReadLines, keeping only the counts.");

    public static readonly Hint ReturnedEarly = new(
        "Returning before the tasks finished", "Join (or wait for) every thread before RunAll returns.");

    public static readonly Hint TaskRunTwiceOrNever = new(
        "A task index run twice or skipped", "Hand every index from 0 to taskCount - 1 to exactly one task; watch loop bounds and captured loop variables.");

    public static readonly Hint WrongModel = new(
        "A wrong model of the wall time",
        "Waiting threads all wait at once; computing threads share the CPUs: max(duration, n x duration / CPUs).");

    public static readonly Hint TooManyInFlight = new(
        "More in flight than the pool size",
        "Bound the parallelism: ParallelOptions.MaxDegreeOfParallelism, a SemaphoreSlim, or exactly that many workers.");

    public static readonly Hint WorkersWaitForTheBatch = new(
        "Work started in batches, each waited for whole",
        "Hand out the next item as soon as a worker frees up (a shared queue or channel, SemaphoreSlim, Parallel.ForEach with MaxDegreeOfParallelism), instead of starting `workers` items and waiting for all of them before the next ones: a worker whose item ends early stands idle until the slowest of its batch ends.");

    public static readonly Hint TooFewInFlight = new(
        "Too little parallelism (fewer in flight than asked)",
        "Let exactly `workers` items run at once; do not process items one after another or in fewer workers.");

    public static readonly Hint OutOfOrder = new(
        "Results out of order", "Store each result at its item's index instead of adding results as they arrive.");

    public static readonly Hint ItemRunTwiceOrNever = new(
        "An item processed twice or skipped", "Hand each item to exactly one worker, once.");

    public static readonly Hint NotValidated = new(
        "Arguments not validated",
        "Check arguments first with ArgumentNullException.ThrowIfNull, and ArgumentOutOfRangeException.ThrowIfNegativeOrZero for a count that must be positive (ThrowIfNegative lets 0 through): they name the parameter for you.");

    public static readonly Hint BlockingFuture = new(
        "A future that blocks the caller",
        "Start the work and return its Task at once; the caller awaits it later.");

    public static readonly Hint ExceptionRecreated = new(
        "An exception re-created, wrapped, or swallowed",
        "Let the very exception object that the work threw reach the caller (or the outcome), not a new one.");

    public static readonly Hint CancellationIgnored = new(
        "Cancellation ignored", "Pass the CancellationToken to the loop (ParallelOptions.CancellationToken) and stop starting items once it is canceled. "
        + "PLINQ's WithCancellation looks at the token only every few dozen items: check it before each item's work too (cancellationToken.ThrowIfCancellationRequested()).");

    public static readonly Hint FractionsLost = new(
        "Fractions lost (a sum kept in a long or an int)",
        "The results are doubles: Interlocked.Add takes integers only, and a cast drops what comes after the point. Sum doubles: a subtotal per worker, merged under a lock.");

    public static readonly Hint LostUpdates = new(
        "Lost updates (an unsynchronised sum)",
        "Never do `sum += x` from several threads: keep a subtotal per worker and merge it under a lock (Interlocked has no Add for double).");

    public static readonly Hint LockPerTask = new(
        "A lock per task", "Create one Lock before starting the tasks and hand that same object to every task.");

    public static readonly Hint EverythingUnderTheLock = new(
        "Everything under the lock",
        "Only the critical section belongs inside the lock; run the tasks themselves in parallel.");

    public static readonly Hint WrongAttribution = new(
        "An exception attributed to the wrong task", "Record each outcome at the index of the task that produced it.");

    public static readonly Hint StopsAtFirstFailure = new(
        "Stopping at the first failure", "Catch each task's exception inside that task so that the others still run.");

    public static readonly Hint ExceptionWrapped = new(
        "The item's exception wrapped in another",
        "Awaiting a task throws the first exception it holds: fault it with the item's own. Parallel.For and PLINQ wrap theirs in an AggregateException: catch it and rethrow the one inside (ExceptionDispatchInfo.Throw), or use Parallel.ForEachAsync, which does not wrap.");

    public static readonly Hint ExceptionEscaped = new(
        "An exception escaped", "Catch per task and record TaskOutcome.Failure(index, exception); RunAll itself must not throw.");

    public static readonly Hint IndexOrderNotCompletionOrder = new(
        "Outcomes yielded in index order, or only after all tasks ended",
        "Yield each outcome as soon as its task completes: Task.WhenEach, or a Channel the workers write into.");

    public static readonly Hint CopyOfSharedArray = new(
        "A copy of the shared array instead of the array itself", "Write into the ISharedArray you were given.");

    public static readonly Hint SlotWrittenTwiceOrNever = new(
        "A slot written twice or skipped", "Split 0 .. Length - 1 into `workers` ranges that neither overlap nor leave gaps.");

    public static readonly Hint RecursionInIterative = new(
        "Recursion in the iterative Fibonacci", "Use a loop that keeps the last two values: (a, b) = (b, a + b).");

    public static readonly Hint WrongFibonacci = new(
        "A wrong start or an overflow", "F(0) = 0, F(1) = 1; BigInteger never overflows, long does past F(92).");

    public static readonly Hint CutoffIgnored = new(
        "The sequential cutoff ignored",
        "At n <= sequentialCutoff, recurse plainly without starting tasks: tasks are far costlier than additions.");

    public static readonly Hint UnfairBaseline = new(
        "A sequential run that does more than the work",
        "Run the same computation in both: the sequential run is your parallel code with one worker (or a cutoff at n), nothing added.");

    public static readonly Hint WorkSkipped = new(
        "Results remembered between calls, or the work skipped",
        "Do the whole work afresh on every call: keep no results from one call to the next (no static cache or memo), and compute what each call asks for, the way the exercise asks (plain recursion below the cutoff, every line of every file).");

    public static readonly Hint ForksAtTheCutoff = new(
        "Forking at the cutoff itself",
        "The recursion is plain at n <= sequentialCutoff: compare with <=, so that ParallelRecursive(n, n) starts no task.");

    public static readonly Hint NotParallel = new(
        "No parallelism", "Above the cutoff, fork one branch as a task and compute the other on the current thread.");

    public static readonly Hint MiscountedNumbers = new(
        "Lost updates or a misread file",
        "Count into a dictionary per worker and merge the dictionaries once, under a lock, at the end; read every line of every file.");

    public static readonly Hint LineEndings = new(
        "A line ending or an empty file misread", "File.ReadLines handles \\n and \\r\\n; skip blank lines, trim each token.");

    public static readonly Hint FileNotNamed = new(
        "An error that does not say where",
        "Throw (or let through) an exception whose message names the file, and the line of a bad token.");
}
