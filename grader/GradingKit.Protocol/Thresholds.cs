namespace GradingKit.Protocol;

/// <summary>
/// Every number that decides a verdict, in one place, grouped by role: the timing model's slack and
/// overhead, the CPU time work may cost, the witnesses of parallelism, the work the grader hands out,
/// the time limits that turn a hang into a failure, the waits that let probes see how many workers
/// run at once, and the numbers of single exercises. The grade command reads the grading host's
/// limits (<see cref="GradeCommand"/>).
/// </summary>
public static class Thresholds
{
    /// <summary>The wall time of timing checks: limit = ideal x (1 + <see cref="Slack"/>) + <see cref="Overhead"/>.</summary>
    public static class Timing
    {
        /// <summary>
        /// The share of the ideal wall time a solution may take on top of it
        /// (limit = ideal x (1 + Slack) + Overhead). At P = 2 the sequential time of computing work is
        /// only twice the ideal, so Slack must stay below 1/3 for such checks to be conclusive at all.
        /// </summary>
        public const double Slack = 0.2;

        /// <summary>The fixed cost a solution may add to the ideal wall time (starting threads, waking the pool).</summary>
        public static readonly TimeSpan Overhead = TimeSpan.FromMilliseconds(20);

        /// <summary>
        /// A check is conclusive only where the mistake it looks for (usually sequential
        /// execution) would take at least this many times its limit; otherwise it is reported inconclusive.
        /// </summary>
        public const double ConclusiveRatio = 1.5;

        /// <summary>How often a timing check measures before it fails; it passes on the first attempt within its limit.</summary>
        public const int Attempts = 3;

        /// <summary>The duration t of one waiting task (the notebook's sleep(1), shortened).</summary>
        public static readonly TimeSpan WaitingTask = TimeSpan.FromMilliseconds(100);

        /// <summary>The duration t of one computing task on a core of its own (the notebook's busy loop, shortened).</summary>
        public static readonly TimeSpan ComputingTask = TimeSpan.FromMilliseconds(200);

        /// <summary>
        /// A measurement whose garbage collections paused the threads for more than this share of its
        /// wall time says so, and speed-up checks then name the allocation as the likely mistake.
        /// Measured on E13's parallel runs (2 CPUs): the reference about 1%, one shared ConcurrentDictionary
        /// 0%, whole files read and split (Wrong.CounterIgnoresCrLf) 13 to 24%; at 15% that one's hint
        /// changed from attempt to attempt. In the grade command's hosts (their heap capped) the reference
        /// has paused for 13 to 15% too (2026-12-05), so this share only picks the hint: it decides no verdict.
        /// </summary>
        public const double GcHeavyShare = 0.1;

        /// <summary>
        /// A parallel run whose garbage collections paused every thread for more than this share of its wall
        /// time is bound by its own allocation: a speed-up it lost is the solution's, never the machine's
        /// (<c>TimeLimit.LoadExplains</c>). Measured on E13's parallel runs in the grade command's hosts (2 CPUs,
        /// 2026-12-05): the reference 13 to 15%, the PLINQ counter 11 to 15%; every line of a file read into
        /// memory at once (File.ReadAllLines per file) 42 to 51%, and it ran no faster with two workers than
        /// with one outside the grader too (0.68 to 0.85 s against 0.53 to 0.65 s).
        /// </summary>
        public const double GcBoundShare = 0.25;
    }

    /// <summary>The CPU time that waiting and computing work may cost.</summary>
    public static class CpuTime
    {
        /// <summary>Waiting work may cost this share of its ideal wall time in CPU, plus <see cref="Overhead"/>.</summary>
        public const double WaitingShare = 0.1;

        /// <summary>Computing work must cost n x t of CPU time, within this share either way, plus <see cref="Overhead"/>.</summary>
        public const double ComputingTolerance = 0.2;

        /// <summary>
        /// The fixed cost allowed on top: creating threads, and the test host's own work, which
        /// shows up in the process's CPU time now and then (up to 36 ms seen inside a 100 ms window).
        /// </summary>
        public static readonly TimeSpan Overhead = TimeSpan.FromMilliseconds(50);

        /// <summary>How long the waiting tasks of a CPU-time check wait, long enough that a busy wait stands out from <see cref="Overhead"/>.</summary>
        public static readonly TimeSpan WaitingTaskForCheck = TimeSpan.FromMilliseconds(300);

        /// <summary>
        /// Computing work: CPU time other processes take during a measurement (from /proc/stat on Linux)
        /// is added to the work before dividing by P; from this much on it is reported.
        /// </summary>
        public static readonly TimeSpan OthersWorthMentioning = TimeSpan.FromMilliseconds(10);
    }

    /// <summary>Speed-up checks (E12, E13): the student's own sequential run against its parallel run.</summary>
    public static class SpeedUp
    {
        /// <summary>
        /// The speed-up checks' own slack (limit = the student's own sequential CPU time / P x (1 + Slack) +
        /// <see cref="Timing.Overhead"/>): a speed-up of at least about 1.55 at P = 2, where
        /// <see cref="Timing.Slack"/> asked about 1.62. With that, the reference failed E13 in 6 of 73
        /// gradings of three attempts on an AMD EPYC with 2 vCPUs, quiet: two workers counting files
        /// reached 1.02 to 2.25 x one, most often about 1.7, and the best attempt of each of those 6
        /// was 1.59 to 1.62. The mistakes this check fails stay far below: one shared
        /// ConcurrentDictionary at most 1.17 in 18 attempts, a lock per number 1.30 in 15, one file
        /// after another 1.0. It stays below 1/3, so that no speed-up at all costs at least <see cref="Timing.ConclusiveRatio"/>
        /// x the limit from a sequential run of 480 ms on.
        /// </summary>
        public const double Slack = 0.25;

        /// <summary>
        /// Speed-up checks size their work until the student's own sequential run costs at least this
        /// much CPU time, so that fixed costs do not blur the ratio.
        /// </summary>
        public static readonly TimeSpan Baseline = TimeSpan.FromMilliseconds(1200);

        /// <summary>
        /// A parallel run that costs this many times the CPU time of the sequential one spent it
        /// fighting over shared data, and the hint of a count that failed on wall time says so (it
        /// picks the hint only: the verdict is the limit's). One shared ConcurrentDictionary measured
        /// 1.5 to 3.4. Correct solutions measured 1.00 to 1.05 when this was set, but on an AMD EPYC
        /// with 2 vCPUs, which slows threads side by side, their parallel runs have cost up to 1.75 x
        /// (<see cref="FairBaselineCpuRatio"/>): a correct count that fails there may read this hint.
        /// </summary>
        public const double ContentionCpuRatio = 1.25;

        /// <summary>
        /// How much more CPU time than the sequential run a parallel run may cost through the machine alone:
        /// on an AMD EPYC with 2 vCPUs, two threads counting files side by side each ran up to 1.80 x
        /// slower than one alone (the reference and the PLINQ counter: 0.76 to 1.80 in 91 attempts of
        /// E13; the slowdown comes and goes, and the PLINQ counter once stayed at 1.47 to 1.53 x its
        /// one-worker run for a whole grading, against a limit of about 1.55), and a correct fork-join
        /// Fibonacci whose plain recursion goes through ParallelRecursive itself
        /// (Idiom.RecursionThroughTheMethod) cost 1.86 to 1.92 x in the three attempts of one grading of
        /// E12 and failed it at 1.9 (2026-12-05; 0.97 to 1.05 in its other gradings). The mistakes that
        /// fight over shared counts cost 1.68 to 4.45 x (30 attempts, 10 of them at most 1.9, never all
        /// three of a grading). A speed-up over its limit is undecided, not failed, where its CPU time is
        /// within this ratio and its wall time within the limit of that CPU time shared by P. The two
        /// overlap on a bad day: a mistake stays undecided (earning nothing) only where all its attempts
        /// are, while a correct solution passes on any one attempt, so the ratio sits among the mistakes.
        /// </summary>
        public const double SlowedSideBySideCpuRatio = 2.2;

        /// <summary>
        /// Other processes that take more than this share of a run's own CPU time keep a sequential run's
        /// CPU time and a parallel run's from comparing, so the parallel run cannot show a baseline unfair:
        /// beside a busy core, the reference's one-worker count cost 1.20 to 1.34 s of CPU time where its
        /// two workers cost 0.77 to 1.40 s (ratios of the least 1.56 to 1.58, as high as a baseline that
        /// does its work twice), while other processes took about as much CPU time as the run itself. On a
        /// quiet machine they take a few milliseconds of a run of a second.
        /// </summary>
        public const double ContendedShare = 0.1;

        /// <summary>
        /// The witness of a fair baseline: a speed-up's sequential baseline that costs at most this many
        /// times the parallel run's CPU time is the same work. Each run's least CPU time over the
        /// attempts so far is compared (<c>BaselineFairness</c>); so measured on an AMD EPYC with 2
        /// vCPUs, quiet, over 14 gradings of E12 and E13: the reference and the PLINQ idiom 0.57 to 1.00
        /// (their parallel runs cost up to 1.75 x their sequential ones in CPU time). At 1.25, a baseline
        /// that does its work twice passed E12 in CI on 2026-11-27 at 1.18, its one parallel run costing
        /// 1.7 x the work: a baseline doubled now needs a parallel run at 1.82 x the work to pass, more
        /// than this machine's slowing of threads side by side has cost (1.80 x, <see cref="SlowedSideBySideCpuRatio"/>).
        /// </summary>
        public const double FairBaselineCpuRatio = 1.1;

        /// <summary>
        /// A baseline that costs more than this many times the parallel run's CPU time did more than the
        /// work (a baseline slowed on purpose), and the check fails, where other processes left the two
        /// runs comparable (<see cref="ContendedShare"/>); between this and <see cref="FairBaselineCpuRatio"/>
        /// the attempt is undecided and cannot pass. A baseline that does its work twice
        /// (Wrong.SandbaggedBaseline), measured as above over 21 gradings: 1.36 to 2.20 after one attempt,
        /// 1.67 to 2.15 after three. With a single ratio of 1.5, a first attempt judged fair (its sizing run
        /// cheap, its one parallel run dear) passed in CI on 2026-11-27. Counted whole, not up to the
        /// sequential run's wall time: a one-worker count that first counts everything again with two
        /// workers (Wrong.SandbaggedBaseline's E13) cost 1.89 to 2.14 x whole but only 1.42 to 1.53 x up to
        /// its wall time, over 4 gradings on 2026-12-07; judged by the latter alone, it failed in CI that
        /// day on another witness at its edge instead of as unfair, and could have been left undecided.
        /// </summary>
        public const double UnfairBaselineCpuRatio = 1.5;

        /// <summary>
        /// The least share of the grader's own plain run of a speed-up's work (plain recursion of F(n), a
        /// count of the files on one thread) that each of the student's runs must cost: a run cheaper than
        /// that did not do the work (a result remembered from an earlier call), and the check fails. A
        /// leaner implementation of the same work is never that much cheaper: on an AMD EPYC with 2 vCPUs,
        /// quiet, the reference and the correct E12 and E13 idioms cost 1.03 to 1.76 x the grader's own run
        /// sequentially and 1.05 to 2.13 x in parallel; a memo of F(n) and a cache of each file's counts by
        /// its path (Wrong.ResultsRememberedBetweenCalls) 0.000 to 0.003 x.
        /// </summary>
        public const double LeastWorkShare = 0.1;

        /// <summary>
        /// A speed-up's one-worker run computes on one thread at a time, so its CPU time stays within its
        /// wall time but for the runtime's own threads (the background garbage collector): one that costs
        /// more than this many times its wall time ran several workers at once, ignoring the number it was
        /// given, and the speed-up it stands as a baseline for measures nothing. On an AMD EPYC with 2 vCPUs
        /// (2026-12-06), E13's one-worker runs of the reference and the correct idioms cost 0.99 to 1.03 x
        /// their wall time, files read whole (File.ReadAllLines, the collector busy beside) 1.05 to 1.13 x,
        /// and a count that ignores `workers` (Parallel.ForEach without MaxDegreeOfParallelism) 1.75 x,
        /// with two CPUs. Load only lengthens wall time, so the witness never fails a single worker; on a
        /// busy machine it may miss the mistake, never invent it.
        /// </summary>
        public const double OneWorkerCpuRatio = 1.3;
    }

    /// <summary>The witness of spread: how a call's CPU time spread over its threads, window by window.</summary>
    public static class Witness
    {
        /// <summary>
        /// A call ran its work in parallel when its CPU time spread over two or more threads
        /// for at least this share of the time observed (measured: see the margins benchmark).
        /// </summary>
        public const double ParallelShare = 0.5;

        /// <summary>How often the threads' CPU clocks are sampled during a call (when the sampler gets a CPU).</summary>
        public static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(5);

        /// <summary>The shortest window over which the threads' CPU times are compared.</summary>
        public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20);

        /// <summary>
        /// Work ran in parallel during a window when all threads together ran at least this many
        /// times the CPU time of the busiest thread in it. One thread doing the work: 1.0 (measured 1.00
        /// to 1.05, quiet or beside a busy core); two threads sharing it evenly: 2.0 quiet, but about
        /// 1.5 beside a busy core, where one of them has a CPU to itself and the other shares one.
        /// </summary>
        public const double ParallelSpread = 1.25;

        /// <summary>A window counts only when the threads together ran at least this share of it (work was under way).</summary>
        public const double WorkUnderWay = 0.2;

        /// <summary>With less time of work under way observed than this, the call was too short to tell.</summary>
        public static readonly TimeSpan TimeToDecide = TimeSpan.FromMilliseconds(60);

        /// <summary>
        /// Work that reads files read them one after another when one thread read more than this share
        /// of the bytes its threads read, however many threads kept busy beside it. Measured on an AMD
        /// EPYC with 2 vCPUs (E13, two workers), 2026-12-05: the reference, PLINQ, dedicated threads over a
        /// queue and SemaphoreSlim-throttled tasks 36 to 50% (50% on one CPU too); one thread counting
        /// every file beside a thread that only spins (Wrong.SpinsBesideOneReader) 100%.
        /// </summary>
        public const double OneReaderShare = 0.9;

        /// <summary>The reading of files is judged only where the threads seen read at least this share of the files' bytes (a thread that ended between two looks takes its count with it).</summary>
        public const double ReadsSeen = 0.5;
    }

    /// <summary>Before a measurement: waiting for the process to settle.</summary>
    public static class Settling
    {
        /// <summary>The process counts as quiet after a window of this length with less than <see cref="QuietCpu"/> of CPU time.</summary>
        public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20);

        /// <summary>How long to wait for the finalizers of collected objects (student code may block in one).</summary>
        public static readonly TimeSpan FinalizerWait = TimeSpan.FromSeconds(1);

        /// <summary>The CPU time a quiet window may show.</summary>
        public static readonly TimeSpan QuietCpu = TimeSpan.FromMilliseconds(1);

        /// <summary>The most windows to wait for quiet; then the measurement goes ahead anyway.</summary>
        public const int Windows = 10;
    }

    /// <summary>Calls into student code: the bounds that turn a hang into a failure.</summary>
    public static class StudentCalls
    {
        /// <summary>How long one call into student code may take before the check fails as a hang.</summary>
        public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(15);

        /// <summary>
        /// How long reading the text of an exception from student code (its Message, its StackTrace) may
        /// take on its own thread before the grader reports it as not returning: a getter has no work to do.
        /// </summary>
        public static readonly TimeSpan TextLimit = TimeSpan.FromSeconds(5);

        /// <summary>
        /// How long a check waits, after a call returned with some of its tasks not yet run, for them
        /// to run after all: if they do, the call returned before its tasks finished.
        /// </summary>
        public static readonly TimeSpan StragglerWait = TimeSpan.FromSeconds(1);

        /// <summary>The stack of the thread that calls student code: deep enough that a recursive solution is caught by its result, not by a crash.</summary>
        public const int ThreadStackBytes = 256 * 1024 * 1024;

        /// <summary>
        /// The threads a call may have started (Linux: process ids handed out while it ran) and still be taken
        /// for a deadlock or an endless loop when it does not end; past this, it is a thread per task of many
        /// tiny tasks. Measured on 2 CPUs (AMD EPYC, 2026-12-06): a thread per task of E07's 100,000 tiny tasks
        /// started them in 14.6 to 14.9 s, about 6,800 a second, and ran into the bound in 1 grading of 4; a
        /// thread started and joined in a loop, 6,300 a second. The thread pool adds a thread about every half
        /// second past its minimum.
        /// </summary>
        public const int ThreadsStartedByAHang = 1000;

        /// <summary>How often a call's wait reads how many threads have been started: often enough that the ids wrap around at most once in between (32,768 ids).</summary>
        public static readonly TimeSpan ThreadsStartedEvery = TimeSpan.FromMilliseconds(100);
    }

    /// <summary>Probes: the waits that let them see how many workers run at once.</summary>
    public static class Probes
    {
        /// <summary>
        /// How long probed tasks wait for one another at a gate before giving up. A correct solution
        /// opens the gate at once; a sequential one pays this once per probe, then runs on.
        /// </summary>
        public static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(2);

        /// <summary>
        /// The items a slow-item probe hands out, per worker: with 3, a pool that waits for each batch of
        /// `workers` runs at most workers - 1 others while item 0 is slow, fixed shares (PLINQ's ranges) all but
        /// item 0's share, 3 x workers - 3, so the two stay apart from 2 workers on.
        /// </summary>
        public const int SlowItemRounds = 3;

        /// <summary>How long each probed task keeps its place after the gate opened, so that more in flight than allowed shows.</summary>
        public static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(40);

        /// <summary>
        /// How long a check at most keeps calling student code with a task (or a file) per worker, so
        /// that the workers finish, and merge what they computed, together: a merge without a lock then
        /// loses now and then (E07's sum, E13's counts). On an AMD EPYC with 2 vCPUs (2026-12-07),
        /// Parallel.For with a localFinally that adds without a lock lost a subtotal in 41 to 46 of 50,000
        /// calls of 2 tasks, which take 0.24 s; a correct merge never loses one. A thread per task takes
        /// 14 s for those calls: the budget keeps such a way of running them from being held up.
        /// </summary>
        public static readonly TimeSpan TogetherBudget = TimeSpan.FromSeconds(2);

        /// <summary>How long a check waits, after its own work is done, for a worker that should no longer start.</summary>
        public static readonly TimeSpan LateStartGrace = TimeSpan.FromMilliseconds(300);
    }

    /// <summary>The grade command: the limits its supervisor sets on a grading host.</summary>
    public static class GradeCommand
    {
        /// <summary>
        /// How long one exercise may run in the grading host before the host is ended and the exercise
        /// loses its points as a hang (each call into student code is bounded by
        /// <see cref="StudentCalls.TimeLimit"/>, but an exercise makes many calls).
        /// </summary>
        public static readonly TimeSpan ExerciseLimit = TimeSpan.FromSeconds(60);

        /// <summary>The managed heap the grading host may use, so that endless allocation ends in an OutOfMemoryException, not a killed machine.</summary>
        public const long HostHeapLimitBytes = 4L * 1024 * 1024 * 1024;

        /// <summary>
        /// The most threads a grading host and the processes it starts may run at once, its own and student
        /// code's, before the grade command ends it as a fault of the exercise running (Linux). A thread
        /// bomb ends there instead of taking the machine's last process ids (Linux's pid_max is 32768 on
        /// many machines, this one's among them): 1024, and 16 more for each CPU, since the grader keeps 8
        /// threads a CPU in its thread pool (at least 64). The reference's host ran at most 73 at P = 2.
        /// </summary>
        public static int HostThreads => 1024 + (16 * Environment.ProcessorCount);
    }

    /// <summary>After an exercise: whether student code left work running (the host then starts afresh).</summary>
    public static class LeftRunning
    {
        /// <summary>How long the grading host watches its own CPU time to see whether student threads still run.</summary>
        public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);

        /// <summary>The share of one CPU that counts as work left running.</summary>
        public const double CpuShare = 0.25;
    }

    /// <summary>E03, the wall-time model.</summary>
    public static class E03
    {
        /// <summary>How far a predicted wall time may lie from the model's.</summary>
        public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);
    }

    /// <summary>E04, the pool's map.</summary>
    public static class E04
    {
        /// <summary>Rounds of waiting tasks: at P = 2 running them one after another takes twice the ideal, and must stand out from the limit.</summary>
        public const int RoundsAtP2 = 4;
    }

    /// <summary>E08, the lock.</summary>
    public static class E08
    {
        /// <summary>How long each task holds the lock: its critical section.</summary>
        public static readonly TimeSpan CriticalSection = TimeSpan.FromMilliseconds(10);
    }

    /// <summary>E09, exceptions per task.</summary>
    public static class E09
    {
        /// <summary>
        /// The fewest tasks of the failing work that fail; one of them is in the first half, and (unless
        /// every task fails) the last task succeeds. Stopping at the first failure then always leaves a
        /// failure and a value unrecorded: with one failing task, drawn 1 time in 17 for 8 tasks, it
        /// left nothing to see, and Wrong.StopsAtFirstFailure passed the attribution check.
        /// </summary>
        public const int LeastFailingTasks = 2;
    }

    /// <summary>E10, the shared array.</summary>
    public static class E10
    {
        /// <summary>How long each write to the slow array waits.</summary>
        public static readonly TimeSpan SlowWrite = TimeSpan.FromMilliseconds(5);
    }

    /// <summary>E11, Fibonacci with a loop.</summary>
    public static class E11
    {
        /// <summary>
        /// The stack of the thread that computes F(100 000) in a child process: a loop needs a few KB of it
        /// whatever n is, a recursion as deep as n overflows it, through whatever call (a method, a delegate,
        /// an interface) it recurses, where reading the code sees only direct calls.
        /// </summary>
        public const int LoopStackBytes = 1024 * 1024;

        /// <summary>
        /// Threads and tasks that computing F(100 000) may start: a loop starts none. A recursion that goes on on a fresh
        /// thread or task before its stack fills, so that no stack holds it all, starts one per few thousand
        /// levels: at least 14 on the runtime's default stacks. The allowance covers a thread that the runtime
        /// itself may start meanwhile.
        /// </summary>
        public const int StartedAllowance = 2;
    }

    /// <summary>E12, Fibonacci in parallel.</summary>
    public static class E12
    {
        /// <summary>Tasks a fork-join may start per recursion step above the cutoff (Parallel.Invoke starts two).</summary>
        public const int TasksPerForkStep = 2;

        /// <summary>Tasks started by anything else in the process while the check runs, allowed on top.</summary>
        public const int UnrelatedTaskAllowance = 64;

        /// <summary>
        /// The runtime reports each thread it creates from its event dispatcher, some milliseconds later
        /// (measured: the last of 20 threads started and joined reported 7 to 8 ms after the join, 2 CPUs,
        /// 2026-12-06): threads are counted once no such report came for this long.
        /// </summary>
        public static readonly TimeSpan ThreadEventsQuiet = TimeSpan.FromMilliseconds(100);

        /// <summary>The longest wait for those reports; where none came, threads go uncounted.</summary>
        public static readonly TimeSpan ThreadEventsWait = TimeSpan.FromSeconds(2);

        /// <summary>The speed-up's first n, grown until the sequential run costs <see cref="SpeedUp.Baseline"/>.</summary>
        public const int SmallestTimedN = 30;

        /// <summary>The speed-up's largest n, however fast the sequential run.</summary>
        public const int LargestTimedN = 46;

        /// <summary>
        /// What the grader's own plain recursion of F(n) costs for the n at which ParallelRecursive(n, n) is
        /// watched for a fork at the cutoff itself: long enough that its CPU time per thread dwarfs the
        /// process's other threads (a few milliseconds).
        /// </summary>
        public static readonly TimeSpan AtTheCutoffWork = TimeSpan.FromMilliseconds(200);

        /// <summary>
        /// The most CPU time that ParallelRecursive(n, n) may spend on threads beside its busiest one, as a
        /// share of what F(n) by plain recursion costs the grader: plain recursion, on the calling thread or
        /// handed whole to another, leaves next to none there; a fork at the cutoff itself puts the smaller
        /// of F(n - 1) and F(n - 2) there, about 38% of the work (measured on the calling thread, 2 CPUs,
        /// 2026-12-06: the reference 0.02 to 1.0 ms of calls costing 180 to 290 ms, under 0.4%; a fork at the
        /// cutoff 111 to 209 ms of 180 to 340 ms, 58 to 62%, beside the calling thread). A call that skips the
        /// work (a memo) has none there.
        /// </summary>
        public const double BesideTheBusiestAtTheCutoff = 0.2;
    }

    /// <summary>E13, counting numbers in files.</summary>
    public static class E13
    {
        /// <summary>The numbers in each file of the calls whose workers finish together (<see cref="Probes.TogetherBudget"/>): a few thousand, so that each worker's merge of its counts takes a while.</summary>
        public const int TogetherNumbersPerFile = 2000;

        /// <summary>How many such calls at most (<see cref="Probes.TogetherBudget"/>).</summary>
        public const int TogetherCalls = 500;

        /// <summary>The speed-up's most copies of the sample files, however fast the one-worker run.</summary>
        public const int MostCopies = 40;

        /// <summary>
        /// How many distinct numbers the speed-up's files hold: one, so that workers sharing their counts
        /// meet on the same entry for every number. With ten, on an AMD EPYC (2 vCPUs), one shared
        /// ConcurrentDictionary reached 1.09 to 1.58 x its one-worker run, against a limit near 1.6 x,
        /// and passed once in a kit test run; with one it stays far below (the figures:
        /// <see cref="SpeedUp.Slack"/>). Correct solutions keep a dictionary per worker: one number or
        /// ten costs them the same.
        /// </summary>
        public const int TimedDistinctNumbers = 1;
    }
}
