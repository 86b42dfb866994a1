using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>
/// What classroom-resources/autograding-grading-reporter (v1) makes of its runners' results: each is
/// base64-encoded JSON in the command grader's shape; the points it reports are the sum of every test's
/// <c>score</c> over the sum of every runner's <c>max_score</c> (its NotifyClassroom), while its console
/// shows a runner's points as its passed tests' share of <c>max_score</c>.
/// </summary>
internal static class ClassroomReporter
{
    /// <summary>A runner's result as the reporter decodes it.</summary>
    public static JsonElement Decode(string base64) => JsonDocument.Parse(Convert.FromBase64String(base64)).RootElement.Clone();

    /// <summary>The points the reporter posts: every test's score, and every runner's max_score.</summary>
    public static (double Total, double Max) Points(IEnumerable<JsonElement> results)
    {
        var all = results.ToList();
        return (
            all.Sum(r => r.GetProperty("tests").EnumerateArray().Sum(t => t.GetProperty("score").GetDouble())),
            all.Sum(r => r.GetProperty("max_score").GetDouble()));
    }

    /// <summary>The points the reporter's console shows for a runner: its passed tests' share of its max_score.</summary>
    public static double ConsolePoints(JsonElement result)
    {
        var tests = result.GetProperty("tests").EnumerateArray().ToList();
        return (double)tests.Count(t => t.GetProperty("status").GetString() == "pass") / tests.Count * result.GetProperty("max_score").GetDouble();
    }

    /// <summary>The step outputs in a GITHUB_OUTPUT file of <c>name=value</c> lines.</summary>
    public static Dictionary<string, string> ReadOutputs(string file) =>
        File.ReadAllLines(file).Where(line => line.Length > 0).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
}
