using Moq;

namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(ISharedArrayFiller))]
[Exercise("E10")]
public sealed class E10_SharedArrayFiller
{
    private readonly ISharedArrayFiller filler = StudentCode.Create(StudentClass.SharedArrayFiller);

    [Test]
    public void Writes_every_slot_exactly_once_with_its_own_index()
    {
        var random = Seed.ForThisCheck();
        var length = random.Next(100, 300);
        var workers = random.Next(2, (2 * Environment.ProcessorCount) + 2);
        var array = new Mock<ISharedArray>();
        array.SetupGet(a => a.Length).Returns(length);
        var call = $"SharedArrayFiller.FillWithTaskIds(array[{length}], {workers})";

        StudentCode.Call(call, () => filler.FillWithTaskIds(array.Object, workers));

        var writes = array.Invocations
            .Where(invocation => invocation.Method.Name == "set_Item")
            .Select(invocation => (Index: (int)invocation.Arguments[0]!, Value: (int)invocation.Arguments[1]!))
            .ToList();
        var wrong = writes.GroupBy(w => w.Index).Where(g => g.Count() != 1 || g.Any(w => w.Value != w.Index)).Select(g => g.Key).ToList();
        var missing = Enumerable.Range(0, length).Except(writes.Select(w => w.Index)).ToList();
        Feedback.Require(
            wrong.Count == 0 && missing.Count == 0,
            $"{call} did not write every slot exactly once with its own index.",
            () => $"{writes.Count} writes; slots never written: {Feedback.List(missing)}; slots written wrongly or more than once: {Feedback.List(wrong)}",
            $"{length} writes, array[i] = i once for each i",
            writes.Count == 0 ? Hints.CopyOfSharedArray : Hints.SlotWrittenTwiceOrNever);
    }

    [Test]
    public void Fills_the_array_it_was_given_not_a_copy()
    {
        var random = Seed.ForThisCheck();
        var length = random.Next(1000, 5000);
        var workers = random.Next(2, (2 * Environment.ProcessorCount) + 2);
        var array = new RecordingSharedArray(length, workers, probedWrites: 0);
        var call = $"SharedArrayFiller.FillWithTaskIds(array[{length}], {workers})";

        StudentCode.Call(call, () => filler.FillWithTaskIds(array, workers));

        var unfilled = Enumerable.Range(0, length).Where(index => array.Values[index] != index).ToList();
        Feedback.Require(
            unfilled.Count == 0,
            $"{call} left the array it was given unfilled.",
            () => $"{unfilled.Count} of {length} slots do not hold their index, for example {Feedback.List(unfilled.Select(i => $"array[{i}] = {array.Values[i]}"), 4)}",
            "array[i] = i in every slot of the array passed in",
            unfilled.Count == length ? Hints.CopyOfSharedArray : Hints.SlotWrittenTwiceOrNever);
    }

    [Test]
    public void Writes_from_exactly_the_given_number_of_workers_at_once()
    {
        var random = Seed.ForThisCheck();
        var workers = ConcurrencyProbe.DrawWorkers(random);
        // A length that `workers` does not divide: a thread more for the remainder is one worker too many.
        var length = (workers * random.Next(50, 200)) + random.Next(1, workers);
        var array = new RecordingSharedArray(length, workers, probedWrites: 4 * workers);
        var call = $"SharedArrayFiller.FillWithTaskIds(array[{length}], {workers})";

        StudentCode.Call(call, () => filler.FillWithTaskIds(array, workers));

        Feedback.Require(
            array.Probe.Entered > 0,
            $"{call} wrote nothing into the array it was given.",
            () => "0 writes",
            $"{length} writes from {workers} workers",
            Hints.CopyOfSharedArray);
        array.Probe.RequireExactlyTheWorkers(call, "and each writes its own part of the array");
    }

    [Timed]
    [Test]
    public void Fills_a_slow_array_in_about_the_time_of_one_workers_share()
    {
        var workers = Seed.ForThisCheck().Next(3, (2 * TimingModel.Processors) + 2);
        var write = Timing.SleepCost(Thresholds.E10.SlowWrite);
        var writesPerWorker = Math.Max(4, (int)Math.Round(Thresholds.Timing.WaitingTask / write));
        var length = workers * writesPerWorker;
        var call = $"SharedArrayFiller.FillWithTaskIds(array[{length}], {workers})";
        Timing.WarmUp(call, () => filler.FillWithTaskIds(new RecordingSharedArray(2 * workers, workers, probedWrites: 0), workers));

        var array = new RecordingSharedArray(length, workers, probedWrites: 0, Thresholds.E10.SlowWrite);

        Timing.Require(
            call,
            TimingModel.WallTime(length, write, workers, WorkKind.Waiting) with
            {
                Model = $"ceil({length} / {workers}) writes x {Durations.Format(write)} (every write to this array waits; {workers} workers)",
            },
            () => filler.FillWithTaskIds(array = new RecordingSharedArray(length, workers, probedWrites: 0, Thresholds.E10.SlowWrite), workers),
            Timing.HintBy(Hints.Sequential, Hints.WorkersAtOnce),
            () =>
            {
                var wrong = Enumerable.Range(0, length).Where(index => array.WritesPerSlot[index] != 1 || array.Values[index] != index).ToList();
                Feedback.Require(
                    wrong.Count == 0,
                    $"{Timing.InATimedRun(call)} did not write every slot exactly once with its own index.",
                    () => $"{wrong.Count} of {length} slots written other than once or with another value, for example {Feedback.List(wrong.Select(i => $"array[{i}] = {array.Values[i]} ({array.WritesPerSlot[i]}x)"), 4)}",
                    $"{length} writes, array[i] = i once for each i",
                    array.WritesPerSlot.All(writes => writes == 0) ? Hints.CopyOfSharedArray : Hints.SlotWrittenTwiceOrNever);
            });
    }
}
