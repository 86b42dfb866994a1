using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(INumberCounter))]
[Exercise("E13")]
public sealed class E13_NumberCounter
{
    private readonly INumberCounter counter = StudentCode.Create(StudentClass.NumberCounter);
    private string directory = string.Empty;

    [SetUp]
    public void CreateDirectory() =>
        directory = Directory.CreateTempSubdirectory("gradingkit-e13-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Counts_the_notebooks_twenty_files_like_an_independent_count()
    {
        var files = NumberFiles.Write(directory, NumberFiles.NotebookFiles, NumberFiles.NotebookNumbersPerFile, NumberFiles.NotebookFrom, NumberFiles.NotebookBelow, Seed.ForThisCheck().Next(), NumberFiles.PlatformLineEnding);

        RequireCounts(files, Environment.ProcessorCount, Hints.MiscountedNumbers);
    }

    [Test]
    public void Counts_a_larger_set_of_files_like_an_independent_count()
    {
        var random = Seed.ForThisCheck();
        var files = NumberFiles.Write(directory, random.Next(40, 80), random.Next(5000, 20_000), -500, 500, random.Next());

        RequireCounts(files, random.Next(2, (2 * Environment.ProcessorCount) + 2), Hints.MiscountedNumbers);

        // Then a file per worker, all of one length, counted again and again: the workers finish together,
        // so that counts merged into one dictionary without the lock meet (Thresholds.Probes.TogetherBudget).
        var workers = Math.Max(2, Environment.ProcessorCount);
        var together = NumberFiles.Write(Path.Combine(directory, "together"), workers, Thresholds.E13.TogetherNumbersPerFile, -500, 500, random.Next());
        var call = Count(together, workers);
        var (calls, wrong, example) = (0, 0, string.Empty);
        var thrown = StudentCode.CallExpectingException(call, () =>
        {
            var clock = Stopwatch.StartNew();
            while (calls < Thresholds.E13.TogetherCalls && clock.Elapsed < Thresholds.Probes.TogetherBudget)
            {
                var differences = Differences(together, StudentCode.CopyOf(counter.CountOccurrences(together.Paths, workers)));
                calls++;
                if (differences.Count > 0)
                {
                    (wrong, example) = (wrong + 1, wrong == 0 ? Describe(differences) : example);
                }
            }
        });

        var when = $"when its {workers} workers finished, and merged what they counted, at the same moment";
        Feedback.Require(
            thrown is null,
            $"{call} threw {thrown?.GetType().Name} {when} (in call {calls + 1} of such calls).",
            () => $"{thrown!.GetType().FullName}: {StudentCode.MessageOf(thrown)}",
            "the counts, no exception",
            thrown is null ? Hints.UnsafeSharedCollection : StudentCode.HintFor(thrown) ?? Hints.UnsafeSharedCollection);
        Feedback.Require(
            wrong == 0,
            $"{call} miscounted {when}.",
            () => $"{Feedback.Count(wrong, "wrong count")} in {calls} calls, for example {example}",
            "the same counts in every call",
            Hints.MiscountedNumbers);
    }

    [Test]
    public void Reads_both_line_endings_a_missing_final_newline_and_an_empty_file()
    {
        var random = Seed.ForThisCheck();
        var files = NumberFiles.Combine(
            NumberFiles.Write(Path.Combine(directory, "crlf"), 3, 500, 0, 100, random.Next(), "\r\n"),
            NumberFiles.Write(Path.Combine(directory, "lf-no-final-newline"), 3, 500, 0, 100, random.Next(), "\n", trailingLineEnding: false),
            NumberFiles.Write(Path.Combine(directory, "crlf-no-final-newline"), 3, 500, 0, 100, random.Next(), "\r\n", trailingLineEnding: false),
            NumberFiles.Write(Path.Combine(directory, "empty"), 1, 0, 0, 100, random.Next()));

        RequireCounts(files, 1, Hints.LineEndings); // one worker: only the reading is tested here
    }

    [Test]
    public void Names_a_missing_file_in_its_exception()
    {
        var random = Seed.ForThisCheck();
        var files = NumberFiles.Write(directory, 4, 100, 0, 100, random.Next());
        var missing = Path.Combine(directory, $"missing-{random.Next(1000, 10_000)}.txt");
        var paths = files.Paths.Append(missing).ToList();
        var call = $"NumberCounter.CountOccurrences([{paths.Count} files, one missing], 2)";

        var thrown = StudentCode.CallExpectingException(call, () => counter.CountOccurrences(paths, 2));

        Feedback.Require(
            Causes(thrown).Any(cause => Describe(cause).Contains(Path.GetFileName(missing), StringComparison.Ordinal)),
            $"{call} did not throw an exception naming the missing file.",
            () => Thrown(thrown),
            $"an exception that names {Path.GetFileName(missing)} (an AggregateException, as Parallel.ForEach and PLINQ throw, counts when an exception inside it does)",
            Hints.FileNotNamed);
    }

    [Test]
    public void Names_the_file_and_line_of_a_bad_token()
    {
        var random = Seed.ForThisCheck();
        var files = NumberFiles.Write(directory, 4, 100, 0, 100, random.Next());
        var bad = files.Paths[random.Next(files.Paths.Count)];
        var lines = File.ReadAllLines(bad);
        var line = random.Next(3, lines.Length + 1);
        lines[line - 1] = new[] { "abc", "12x", "3.5", "--4" }[random.Next(4)];
        File.WriteAllLines(bad, lines);
        var call = $"NumberCounter.CountOccurrences([{files.Paths.Count} files], 2)";

        var thrown = StudentCode.CallExpectingException(call, () => counter.CountOccurrences(files.Paths, 2));

        bool NamesFileAndLine(Exception cause)
        {
            var description = Describe(cause);
            var withoutPaths = description.Replace(bad, string.Empty, StringComparison.Ordinal).Replace(Path.GetFileName(bad), string.Empty, StringComparison.Ordinal);
            return description.Contains(Path.GetFileName(bad), StringComparison.Ordinal) && Regex.IsMatch(withoutPaths, $@"(?<!\d){line}(?!\d)");
        }

        Feedback.Require(
            Causes(thrown).Any(NamesFileAndLine),
            $"{call} did not throw an exception naming the file and line of a bad token.",
            () => Thrown(thrown),
            $"an exception naming {Path.GetFileName(bad)} and line {line} ('{lines[line - 1]}') (an AggregateException, as Parallel.ForEach and PLINQ throw, counts when an exception inside it does)",
            Hints.FileNotNamed);
    }

    [Timed]
    [Test]
    public void Speeds_up_over_its_own_one_worker_run_by_about_the_CPU_count()
    {
        var random = Seed.ForThisCheck();
        var processors = TimingModel.Processors;
        var sample = NumberFiles.Write(Path.Combine(directory, "sample"), 20, 100_000, 0, Thresholds.E13.TimedDistinctNumbers, random.Next());
        RequireCounts(sample, processors, Hints.MiscountedNumbers); // also the warm-up

        // Copies of the sample until the student's own one-worker run is long enough to time.
        var once = Timing.Measure(Count(sample, 1), () => counter.CountOccurrences(sample.Paths, 1));
        var work = once.Cpu > TimeSpan.FromMilliseconds(1) ? once.Cpu : TimeSpan.FromMilliseconds(1);
        var copies = Math.Clamp((int)Math.Ceiling(Thresholds.SpeedUp.Baseline / work), 1, Thresholds.E13.MostCopies);
        var files = NumberFiles.Copy(sample, Path.Combine(directory, "timed"), copies);

        // At least two workers, so that the witness can see them work together even on one CPU.
        var workers = Math.Max(2, processors);
        var call = Count(files, workers);
        var bytes = files.Paths.Sum(path => new FileInfo(path).Length);

        // One run of this size first, not judged on its time: the first pays for the thread pool's growth and for reading the copies (measured: its CPU time up to 1.4 x a later run's).
        var warmUp = Timing.Measure(call, () => counter.CountOccurrences(files.Paths, workers));
        var fairness = new BaselineFairness(work: GradersOwnWork.Counting(sample, copies), earlierParallel: warmUp);
        Timing.Require(
            call,
            () =>
            {
                IReadOnlyDictionary<int, long>? oneWorker = null, counted = null;
                var baseline = Timing.Measure(Count(files, 1), () => oneWorker = StudentCode.CopyOf(counter.CountOccurrences(files.Paths, 1)));
                var (parallel, concurrency) = Timing.MeasureConcurrency(call, () => counted = StudentCode.CopyOf(counter.CountOccurrences(files.Paths, workers)));
                RequireMatches(Timing.InATimedRun(Count(files, 1)), files, oneWorker, Hints.MiscountedNumbers);
                RequireMatches(Timing.InATimedRun(call), files, counted, Hints.MiscountedNumbers);
                // What the parallel run's witness saw comes first: a reader thread beside one worker is no ignored worker count.
                var spread = Witness.Of(concurrency, Hints.NoSpeedUp, bytes);
                return new TimedAttempt(
                    parallel,
                    TimingModel.SpeedUp(baseline, parallel, "one-worker run"),
                    baseline,
                    fairness.Judge(baseline, parallel, concurrency, spread, Witness.OneWorker(baseline, Count(files, 1))))
                {
                    Timeline = concurrency?.Timeline,
                };
            },
            attempt => attempt.Measurement.GcHeavy ? Hints.GarbageCollection
                : attempt.Measurement.Cpu > attempt.Baseline!.Value.OneThreadWork * Thresholds.SpeedUp.ContentionCpuRatio ? Hints.Contention
                : Hints.NoSpeedUp);
    }

    private static string Count(NumberFileSet files, int workers) => $"NumberCounter.CountOccurrences([{files.Paths.Count} files], {workers})";

    /// <summary>The exception, or the exceptions inside it where it is an AggregateException (InnerExceptions and Flatten are not virtual: no student code runs).</summary>
    private static IReadOnlyList<Exception> Causes(Exception? thrown) => thrown switch
    {
        null => [],
        AggregateException aggregate => aggregate.Flatten().InnerExceptions,
        _ => [thrown],
    };

    private static string Thrown(Exception? thrown) =>
        thrown is null ? "it returned normally"
        : string.Join("; ", new[] { thrown }.Concat(thrown is AggregateException ? Causes(thrown) : []).Select(e => $"{e.GetType().Name}: {StudentCode.MessageOf(e)}"));

    // FileName is not virtual: reading it runs no student code, unlike the message.
    private static string Describe(Exception exception) =>
        exception is FileNotFoundException { FileName: { } name } ? $"{StudentCode.MessageOf(exception)} {name}" : StudentCode.MessageOf(exception);

    private void RequireCounts(NumberFileSet files, int workers, Hint hint)
    {
        var call = $"NumberCounter.CountOccurrences([{files.Paths.Count} files], {workers})";

        IReadOnlyDictionary<int, long>? counts = null;
        var thrown = StudentCode.CallExpectingException(call, () => counts = StudentCode.CopyOf(counter.CountOccurrences(files.Paths, workers)));
        Feedback.Require(
            thrown is null,
            $"{call} threw {thrown?.GetType().Name} on files that hold nothing but integers.",
            () => $"{thrown!.GetType().FullName}: {StudentCode.MessageOf(thrown)}",
            "the counts, no exception",
            thrown is null ? hint : StudentCode.HintFor(thrown) ?? hint);
        RequireMatches(call, files, counts, hint);
    }

    private static void RequireMatches(string call, NumberFileSet files, IReadOnlyDictionary<int, long>? counts, Hint hint)
    {
        var differences = Differences(files, counts);
        Feedback.Require(
            differences.Count == 0,
            $"{call} does not match an independent count.",
            () => $"{Describe(differences)}; {counts?.Values.Sum() ?? 0} numbers counted in all",
            $"{files.Counts.Values.Sum()} numbers in all, each counted as often as it occurs",
            hint);
    }

    private static List<(int Number, long Expected, long Counted)> Differences(NumberFileSet files, IReadOnlyDictionary<int, long>? counts) =>
        files.Counts.Keys.Union(counts?.Keys ?? [])
            .Select(number => (number, Expected: files.Counts.GetValueOrDefault(number), Counted: counts?.GetValueOrDefault(number) ?? 0))
            .Where(d => d.Expected != d.Counted)
            .OrderBy(d => d.number)
            .ToList();

    private static string Describe(List<(int Number, long Expected, long Counted)> differences) =>
        $"{Feedback.Count(differences.Count, "number")} counted wrongly, for example {Feedback.List(differences.Select(d => $"{d.Number}: {d.Counted} (should be {d.Expected})"), 4)}";
}
