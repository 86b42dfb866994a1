using System.IO.Compression;

namespace GradingKit.Cli;

/// <summary>
/// Gradescope's autograder zip: setup.sh (installs the .NET 10 SDK and builds the grader) and
/// run_autograder (grades the submission into /autograder/results/results.json) at its root, and the
/// student repository under <see cref="KitFolder"/>, which Gradescope unpacks into /autograder/source.
/// </summary>
public static class GradescopeBundle
{
    /// <summary>The folder of the zip that holds the student repository.</summary>
    public const string KitFolder = "kit";

    /// <summary>The kit's folder of the two scripts.</summary>
    public const string Scripts = "grader/GradingKit.Cli/Distribution";

    /// <summary>The scripts at the zip's root, both executable.</summary>
    public static readonly IReadOnlyList<string> ScriptNames = ["setup.sh", "run_autograder"];

    /// <summary>rwxr-xr-x, a regular file: the mode of the scripts.</summary>
    private const int Executable = 0b1000_000_111_101_101;

    /// <summary>rw-r--r--, a regular file: the mode of every other file.</summary>
    private const int Readable = 0b1000_000_110_100_100;

    /// <summary>Writes the zip.</summary>
    /// <param name="kit">The kit's root folder.</param>
    /// <param name="zip">The zip file to write (replaced if it exists).</param>
    /// <exception cref="UsageException">The path names a folder.</exception>
    public static void Write(string kit, string zip)
    {
        ArgumentNullException.ThrowIfNull(kit);
        zip = Path.GetFullPath(zip);
        if (Directory.Exists(zip))
        {
            throw new UsageException($"--out {zip} is a folder; name the zip file to write, for example autograder.zip.");
        }

        var repository = Directory.CreateTempSubdirectory("gradingkit-gradescope-").FullName;
        try
        {
            StudentRepository.Export(kit, repository, force: true);
            Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
            File.Delete(zip);
            using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
            foreach (var script in ScriptNames)
            {
                Add(archive, Path.Combine(kit, Scripts, script), script, Executable);
            }

            foreach (var file in Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                Add(archive, file, $"{KitFolder}/{Path.GetRelativePath(repository, file).Replace('\\', '/')}", Readable);
            }
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    private static void Add(ZipArchive archive, string file, string name, int mode)
    {
        var entry = archive.CreateEntryFromFile(file, name, CompressionLevel.Optimal);
        entry.ExternalAttributes = mode << 16;
    }
}
