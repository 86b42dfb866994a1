using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GradingKit.Cli;

/// <summary>One shard of a class: the <paramref name="Index"/>-th of <paramref name="Count"/> (1-based), as --shard I/N names it.</summary>
/// <param name="Index">Which shard, 1 to <paramref name="Count"/>.</param>
/// <param name="Count">How many shards the class is split into.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Reads --shard I/N.</summary>
    /// <param name="text">The option's value, for example 3/10.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="UsageException">Not of the form I/N with 1 ≤ I ≤ N.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count
                ? new Shard(index, count)
                : throw new UsageException($"--shard {text}: write the shard as I/N, 1 ≤ I ≤ N (for example 3/10: the third of ten shards).");
    }

    /// <summary>The shard a student belongs to among <paramref name="count"/>: the first 8 bytes of the SHA-256 of the name (UTF-8), modulo the count, plus 1.
    /// It depends on the name and the count alone, so adding or removing other students never moves a student.</summary>
    /// <param name="student">The student's name: the submission folder's name.</param>
    /// <param name="count">How many shards.</param>
    /// <returns>The shard's index, 1 to <paramref name="count"/>.</returns>
    public static int Of(string student, int count)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(student));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    /// <summary>Whether a student belongs to this shard.</summary>
    /// <param name="student">The student's name.</param>
    /// <returns>True when <see cref="Of"/> gives this shard's index.</returns>
    public bool Holds(string student) => Of(student, Count) == Index;

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// What a shard's part of the gradebook says of itself (shard.json in its folder), so that the merge
/// can refuse parts that do not belong together and account for every student of the class: the kit
/// and manifest it was graded with, the exercises, the shard, the whole class it was split from,
/// whether the shard got to its end, and whether its grading hosts ran in the sandbox.
/// </summary>
/// <param name="Format">The file's format, <see cref="CurrentFormat"/>.</param>
/// <param name="Shard">Which shard, 1-based.</param>
/// <param name="Shards">Of how many.</param>
/// <param name="Kit">The SHA-256 of the kit's grading sources (<see cref="KitIdentity.KitHash"/>).</param>
/// <param name="Manifest">The SHA-256 of the assignments.json scored with.</param>
/// <param name="Exercises">The exercises graded, the gradebook's columns.</param>
/// <param name="Possible">The points possible.</param>
/// <param name="Roster">Every student of the class the shard was split from, in ordinal order.</param>
/// <param name="Students">The students of this shard, in the order graded.</param>
/// <param name="Finished">Whether the shard graded every one of its students (false while it runs, and for a shard that died).</param>
public sealed record ShardPart(
    string Format, int Shard, int Shards, string Kit, string Manifest, IReadOnlyList<string> Exercises, double Possible,
    IReadOnlyList<string> Roster, IReadOnlyList<string> Students, bool Finished)
{
    /// <summary>The part's description in its folder.</summary>
    public const string FileName = "shard.json";

    /// <summary>Whether the shard's grading hosts ran in the sandbox, or why not (<see cref="Cli.Sandbox.Description"/>); empty in a part written before the kit recorded it.</summary>
    public string Sandbox { get; init; } = string.Empty;

    /// <summary>The format this kit writes and reads.</summary>
    public const string CurrentFormat = "gradingkit/shard/v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the part's description into its folder.</summary>
    /// <param name="folder">The shard's output folder.</param>
    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a part's description.</summary>
    /// <param name="folder">The part's folder.</param>
    /// <returns>The description.</returns>
    /// <exception cref="UsageException">The file is malformed or of another format.</exception>
    public static ShardPart Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var part = JsonSerializer.Deserialize<ShardPart>(File.ReadAllText(path), Json);
            return part is { Format: CurrentFormat, Roster: not null, Students: not null, Exercises: not null }
                ? part
                : throw new UsageException($"{path}: not a part of this kit's format ({CurrentFormat}); grade the shard again with this kit.");
        }
        catch (JsonException problem)
        {
            throw new UsageException($"{path}: not a well-formed part description: {problem.Message}");
        }
    }
}

/// <summary>What a gradebook was graded with: the kit's grading sources and the manifest, each as a SHA-256, so that parts of different kits are never merged.</summary>
public static class KitIdentity
{
    private static readonly string[] Folders = ["grader", Path.Combine("starter", "GradingKit.Contracts"), Path.Combine("starter", "ApiPolicy")];

    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    private static readonly string[] Skipped = ["bin", "obj", "TestResults"];

    /// <summary>
    /// The SHA-256 of the kit's grading sources: every file of grader/, the contract, the API policy
    /// and the build settings at the root (not bin, obj, TestResults or hidden folders), by path and
    /// content. Two checkouts of the same commit agree; any change to what grades differs.
    /// </summary>
    /// <param name="kit">The kit's root folder.</param>
    /// <returns>The hash, lowercase hexadecimal.</returns>
    public static string KitHash(string kit)
    {
        var files = Folders
            .SelectMany(folder => Files(new DirectoryInfo(Path.Combine(kit, folder))))
            .Concat(RootFiles.Select(file => new FileInfo(Path.Combine(kit, file))).Where(file => file.Exists))
            .Select(file => (Relative: Path.GetRelativePath(kit, file.FullName).Replace('\\', '/'), file.FullName))
            .OrderBy(file => file.Relative, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, full) in files)
        {
            var content = File.ReadAllBytes(full);
            hash.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{content.Length}\n"));
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The SHA-256 of a manifest file as it is on disk.</summary>
    /// <param name="path">The assignments.json scored with.</param>
    /// <returns>The hash, lowercase hexadecimal.</returns>
    public static string ManifestHash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static IEnumerable<FileInfo> Files(DirectoryInfo folder) =>
        !folder.Exists
            ? []
            : folder.EnumerateFiles().Concat(folder.EnumerateDirectories()
                .Where(sub => !sub.Name.StartsWith('.') && !Skipped.Contains(sub.Name, StringComparer.OrdinalIgnoreCase) && sub.LinkTarget is null)
                .SelectMany(Files));
}
