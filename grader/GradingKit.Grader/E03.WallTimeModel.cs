namespace GradingKit.Grader;

[TestFixture(TestOf = typeof(WallTimeModel))]
[Category("E03")]
public sealed class E03_WallTimeModel
{
    private const int MostProcessors = 64;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);
    private readonly WallTimeModel model = StudentCode.Create<WallTimeModel>();

    [TestCase(WorkKind.Waiting)]
    [TestCase(WorkKind.Computing)]
    public void Predicts_the_wall_time_on_1_to_64_processors(WorkKind kind)
    {
        var random = Seed.ForThisCheck();
        for (var processors = 1; processors <= MostProcessors; processors++)
        {
            var taskCount = random.Next(1, 4 * MostProcessors);
            var duration = TimeSpan.FromMilliseconds(random.Next(10, 2000));
            var call = $"WallTimeModel.Predict({taskCount}, {duration.TotalMilliseconds} ms, {processors}, {kind})";
            var predicted = StudentCode.Call(call, () => model.Predict(taskCount, duration, processors, kind));
            var ideal = TimingModel.IdealWallTime(taskCount, duration, taskCount, processors, kind);

            Feedback.Require(
                (predicted - ideal).Duration() <= Tolerance,
                $"{call} does not match the model.",
                () => $"{predicted.TotalMilliseconds} ms",
                kind == WorkKind.Waiting
                    ? $"{ideal.TotalMilliseconds} ms: every thread waits at once, so one task's duration"
                    : $"{ideal.TotalMilliseconds} ms = max(duration, {taskCount} x duration / {processors})",
                Hints.WrongModel);
        }
    }
}
