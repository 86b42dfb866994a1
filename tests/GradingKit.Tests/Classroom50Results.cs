using System.Text;
using System.Text.Json;
using Json.Schema;

namespace GradingKit.Tests;

/// <summary>Holds a result.json to Classroom 50's contract: the schema written from its rules, and the rules a schema cannot state.</summary>
internal static class Classroom50Results
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(Kit.Root, "tests", "GradingKit.Tests", "Schemas", "classroom50-result-v1.schema.json")));

    public static void ShouldBeValid(JsonElement result, string context)
    {
        var evaluation = Schema.Value.Evaluate(result, new EvaluationOptions { OutputFormat = OutputFormat.List });
        evaluation.IsValid.ShouldBeTrue(
            $"{context}\n" + string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var tests = result.GetProperty("tests").EnumerateArray().ToList();
        result.GetProperty("score").GetInt32().ShouldBe(tests.Sum(t => t.GetProperty("score").GetInt32()), context);
        result.GetProperty("score").GetInt32().ShouldBeLessThanOrEqualTo(result.GetProperty("max-score").GetInt32(), context);
        tests.ShouldAllBe(t => t.GetProperty("score").GetInt32() <= t.GetProperty("max-score").GetInt32());
        var names = tests.Select(t => t.GetProperty("test-name").GetString()!).ToList();
        names.ShouldBeUnique(context);
        names.ShouldAllBe(name => Encoding.UTF8.GetByteCount(name) <= 100);
    }
}
