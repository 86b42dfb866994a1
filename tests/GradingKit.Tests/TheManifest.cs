using System.Text.Json.Nodes;
using Json.Schema;

namespace GradingKit.Tests;

[TestFixture]
public sealed class TheManifest
{
    private static Manifest Manifest => Manifest.Load(Kit.ManifestPath);

    [Test]
    public void Matches_its_schema()
    {
        var schema = JsonSchema.FromFile(Kit.ManifestSchemaPath);

        var result = schema.Evaluate(JsonNode.Parse(File.ReadAllText(Kit.ManifestPath)), new EvaluationOptions { OutputFormat = OutputFormat.List });

        result.IsValid.ShouldBeTrue(string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Test]
    public void Lists_the_thirteen_exercises_in_order()
    {
        Manifest.Exercises.Select(e => e.Id).ShouldBe(Enumerable.Range(1, 13).Select(i => $"E{i:D2}"));
    }

    [Test]
    public void Is_what_the_READMEs_table_of_exercises_shows()
    {
        const string Header = "| Id | Notebook section | Class | Points |";
        var rows = File.ReadLines(Path.Combine(Kit.Root, "README.md")).SkipWhile(line => line != Header).Skip(2).TakeWhile(line => line.StartsWith("| E", StringComparison.Ordinal));

        rows.ShouldBe(Manifest.Exercises.Select(e => $"| {e.Id} | {e.Section} | `{e.Class}` | {e.Points} |"), $"README.md's table of exercises under \"{Header}\" must say what {Manifest.FileName} says");
    }

    [Test]
    public void Adds_up_to_its_total_of_100_points()
    {
        Manifest.TotalPoints.ShouldBe(100);
        Manifest.Exercises.Sum(e => e.Points).ShouldBe(Manifest.TotalPoints);
        foreach (var exercise in Manifest.Exercises)
        {
            exercise.Checks.Sum(c => c.Points).ShouldBe(exercise.Points, exercise.Id);
        }
    }

    [Test]
    public void Names_a_contract_interface_for_every_exercise_class()
    {
        foreach (var exercise in Manifest.Exercises)
        {
            typeof(Contracts.ICpuCounter).Assembly.GetType($"GradingKit.Contracts.I{exercise.Class}").ShouldNotBeNull(exercise.Id);
        }
    }

    [Test]
    public void Selects_at_least_one_grader_test_for_every_exercise()
    {
        var graded = GraderRun.Grade("starter");

        foreach (var exercise in Manifest.Exercises)
        {
            graded.Count(test => Selects(exercise, test)).ShouldBePositive(exercise.Id);
        }
    }

    [Test]
    public void Places_every_grader_test_in_exactly_one_exercise_and_one_of_its_checks()
    {
        var graded = GraderRun.Grade("starter");

        foreach (var test in graded)
        {
            var exercise = Manifest.Exercises.Where(e => Selects(e, test)).ShouldHaveSingleItem(test.ToString());
            exercise.Checks.Count(c => c.Test == test.Method).ShouldBe(1, test.ToString());
        }
    }

    [Test]
    public void Names_only_checks_that_are_grader_tests_of_their_exercise()
    {
        var graded = GraderRun.Grade("starter");

        foreach (var exercise in Manifest.Exercises)
        {
            var methods = graded.Where(test => Selects(exercise, test)).Select(test => test.Method).Distinct().Order();
            exercise.Checks.Select(c => c.Test).Order().ShouldBe(methods, exercise.Id);
        }
    }

    [Test]
    public void Marks_exactly_the_timing_checks_as_timed()
    {
        var graded = GraderRun.Grade("starter");

        foreach (var exercise in Manifest.Exercises)
        {
            var timed = graded.Where(test => Selects(exercise, test) && test.IsTimed).Select(test => test.Method).Distinct().Order();
            exercise.Checks.Where(c => c.Timed).Select(c => c.Test).Order().ShouldBe(timed, exercise.Id);
        }
    }

    // The manifest's filters are of the one form its schema allows: Category=ID.
    private static bool Selects(ExerciseEntry exercise, GradedTest test) =>
        exercise.Filter.Split('=') is ["Category", var category]
            ? test.Categories.Contains(category)
            : throw new InvalidOperationException($"{exercise.Id}: unsupported filter {exercise.Filter}");
}
