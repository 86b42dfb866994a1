using System.Text.Json;

namespace GradingKit.Cli;

/// <summary>Reads assignments.json for the grade command, turning every mistake in it into a message that names the file, the line and the field.</summary>
public static class ManifestFile
{
    /// <summary>Reads and checks the manifest.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The manifest, its points adding up.</returns>
    /// <exception cref="UsageException">The file is missing, malformed, or its points do not add up.</exception>
    public static Manifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file. The grade command reads the exercises and their points from assignments.json at the kit's root (or --manifest).");
        }

        Manifest manifest;
        try
        {
            manifest = Manifest.Load(path);
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $", line {line + 1}" : string.Empty;
            var field = string.IsNullOrEmpty(error.Path) ? string.Empty : $", field {error.Path}";
            throw new UsageException($"{path}{where}{field}: {error.Message.Split(" Path:")[0]}");
        }

        var problems = manifest.Exercises
            .Where(e => Math.Abs(e.Checks.Sum(c => c.Points) - e.Points) > 1e-9)
            .Select(e => $"{e.Id}'s checks add up to {e.Checks.Sum(c => c.Points)} points, not its {e.Points}")
            .Concat(Math.Abs(manifest.Exercises.Sum(e => e.Points) - manifest.TotalPoints) > 1e-9
                ? [$"the exercises add up to {manifest.Exercises.Sum(e => e.Points)} points, not the totalPoints of {manifest.TotalPoints}"]
                : [])
            .Concat(manifest.Exercises.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key} appears {g.Count()} times"))
            .Concat(manifest.Exercises.SelectMany(e => e.Checks.Where(c => c.Points != Math.Floor(c.Points)).Select(c =>
                $"{e.Id} {c.Test} is worth {c.Points} points: points are whole numbers (Classroom 50 and the command grader take integers only)")))
            .ToList();
        return problems.Count == 0 ? manifest : throw new UsageException($"{path}: {string.Join("; ", problems)}.");
    }
}
