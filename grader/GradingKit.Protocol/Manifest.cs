using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradingKit.Protocol;

/// <summary>assignments.json: the exercises, their points and partial credit, the one source of truth for scores.</summary>
/// <param name="Title">The assignment's title.</param>
/// <param name="TotalPoints">The sum of the exercises' points.</param>
/// <param name="Exercises">The exercises, E01 first.</param>
public sealed record Manifest(string Title, double TotalPoints, IReadOnlyList<ExerciseEntry> Exercises)
{
    /// <summary>The file's name at the root of the kit.</summary>
    public const string FileName = "assignments.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Reads a manifest.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The manifest.</returns>
    public static Manifest Load(string path) =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Options)
        ?? throw new JsonException($"{path} holds no manifest.");
}

/// <summary>One exercise of the manifest.</summary>
/// <param name="Id">E01 .. E13; also the NUnit category of its tests.</param>
/// <param name="Title">The exercise's title.</param>
/// <param name="Section">The notebook section it translates.</param>
/// <param name="Class">The class the student writes.</param>
/// <param name="Points">Its points: the sum of its checks' points.</param>
/// <param name="Filter">The dotnet test filter that selects its tests.</param>
/// <param name="Checks">Its checks, each a grader test method with its points.</param>
public sealed record ExerciseEntry(
    string Id, string Title, string Section, [property: JsonPropertyName("class")] string Class,
    double Points, string Filter, IReadOnlyList<CheckEntry> Checks);

/// <summary>One check of an exercise: a grader test method, worth its points when every case of it passes.</summary>
/// <param name="Test">The test method's name.</param>
/// <param name="Points">Its points.</param>
/// <param name="Timed">Whether it is a timing check: its points then also need every untimed check of the exercise passed.</param>
public sealed record CheckEntry(string Test, double Points, bool Timed = false);
