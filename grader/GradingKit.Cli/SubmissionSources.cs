namespace GradingKit.Cli;

/// <summary>
/// The exercise sources of a submission, copied into a fresh folder that the kit owns: the
/// <c>*.cs</c> files of the implementation's folder and the folders below it, and nothing else. The
/// submission's project file, <c>Directory.Build.*</c>, props, targets, <c>nuget.config</c> and
/// <c>global.json</c> are never copied, so MSBuild never evaluates them; links are not followed (a
/// link to the reference's file would compile the instructor's code as the student's).
/// </summary>
public sealed class SubmissionSources : IDisposable
{
    /// <summary>How many source files a submission may bring.</summary>
    public const int MostFiles = 200;

    /// <summary>How large one source file may be.</summary>
    public const long LargestFileBytes = 1 << 20;

    private static readonly string[] Skipped = ["bin", "obj"];

    private readonly DirectoryInfo root;

    private SubmissionSources(DirectoryInfo root, IReadOnlyList<string> files, IReadOnlyList<string> left)
    {
        this.root = root;
        Files = files;
        Left = left;
    }

    /// <summary>The folder of the copied .cs files, which GradingKit.Submission compiles.</summary>
    public string Folder => Path.Combine(root.FullName, "sources");

    /// <summary>Where the compiler writes its error log (SARIF), which the API policy is read from.</summary>
    public string PolicyLog => Path.Combine(root.FullName, "policy.sarif");

    /// <summary>The files taken, relative to the implementation's folder, '/'-separated.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// What the build did not take as the submission named it, for the report: each .cs file left out, with
    /// why (a link, too large), and each one copied under another name, because its path holds characters
    /// other than ASCII letters, digits, '.', '_', '-' and '/' (a space, an accented letter), each of which
    /// the copy's name writes as '_': "Dedicated Threads.cs: built as Dedicated_Threads.cs".
    /// </summary>
    public IReadOnlyList<string> Left { get; }

    /// <summary>Copies the .cs files of a folder into a fresh temporary folder.</summary>
    /// <param name="folder">The implementation's folder: the one that holds its project file.</param>
    /// <returns>The copy; dispose of it to delete it.</returns>
    /// <exception cref="UsageException">The folder holds no .cs file, or more than <see cref="MostFiles"/>.</exception>
    public static SubmissionSources Take(string folder)
    {
        var source = new DirectoryInfo(folder);
        var files = new List<string>();
        var left = new List<string>();
        var root = Directory.CreateTempSubdirectory("gradingkit-submission-");
        var copy = root.CreateSubdirectory("sources");
        try
        {
            // The names the build takes as they are come first, so that a renamed file never takes one of them.
            foreach (var (file, relative) in Walk(source)
                .Select(file => (file, Path.GetRelativePath(source.FullName, file.FullName).Replace('\\', '/')))
                .OrderBy(file => Buildable(file.Item2) == file.Item2 ? 0 : 1))
            {
                var refusal = file.LinkTarget is not null ? "a link"
                    : file.Length > LargestFileBytes ? $"larger than {LargestFileBytes >> 20} MiB"
                    : null;
                if (refusal is not null)
                {
                    left.Add($"{relative}: {refusal}");
                    continue;
                }

                if (files.Count == MostFiles)
                {
                    throw new UsageException($"{folder} holds more than {MostFiles} .cs files; an exercise submission needs a dozen.");
                }

                var name = BuildableName(relative, files);
                if (name != relative)
                {
                    left.Add($"{relative}: built as {name}");
                }

                var target = new FileInfo(Path.Combine(copy.FullName, name));
                target.Directory!.Create();
                file.CopyTo(target.FullName);
                files.Add(name);
            }

            return files.Count > 0
                ? new SubmissionSources(root, files, left)
                : throw new UsageException($"{folder} holds no .cs file to grade{(left.Count > 0 ? $" ({string.Join("; ", left)})" : string.Empty)}.");
        }
        catch
        {
            root.Delete(recursive: true);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => root.Delete(recursive: true);

    /// <summary>The path as the build takes it: every character but ASCII letters, digits, '.', '_', '-' and '/' written as '_', and a number added where two paths would meet.</summary>
    private static string BuildableName(string relative, IReadOnlyList<string> taken)
    {
        var name = Buildable(relative);
        var stem = name[..^".cs".Length];
        for (var number = 2; taken.Contains(name, StringComparer.OrdinalIgnoreCase); number++)
        {
            name = $"{stem}-{number}.cs";
        }

        return name;
    }

    private static string Buildable(string relative) =>
        string.Concat(relative.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' ? c : '_'));

    /// <summary>The .cs files below a folder, in a stable order, without entering links, hidden folders, bin or obj.</summary>
    private static IEnumerable<FileInfo> Walk(DirectoryInfo folder)
    {
        foreach (var file in folder.EnumerateFiles("*.cs").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (var child in folder.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (child.LinkTarget is null && !child.Name.StartsWith('.') && !Skipped.Contains(child.Name, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var file in Walk(child))
                {
                    yield return file;
                }
            }
        }
    }
}
