using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GradingKit.Cli;

/// <summary>
/// The numbers command: the notebook's data for E13, made with the grader's own generator
/// (<see cref="NumberFiles.Write"/>), so that students can try their counter on the same files.
/// </summary>
public static partial class NumbersCommand
{
    /// <summary>The seed when none is given: the same files every time.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "The folder to write the files to: missing, empty, or one that holds only earlier number files, which are replaced (required)." };
        var files = new Option<int>("--files") { Description = "How many files.", DefaultValueFactory = _ => NumberFiles.NotebookFiles };
        var perFile = new Option<int>("--per-file") { Description = "How many numbers in each file, one a line.", DefaultValueFactory = _ => NumberFiles.NotebookNumbersPerFile };
        var seed = new Option<int>("--seed") { Description = "The seed: the same seed writes the same files.", DefaultValueFactory = _ => DefaultSeed };
        var crlf = new Option<bool>("--crlf") { Description = "End the lines with \\r\\n (as on Windows) instead of \\n." };
        var command = new Command(
            "numbers",
            $"Write the notebook's files for E13: {NumberFiles.NotebookFiles} files of {NumberFiles.NotebookNumbersPerFile:N0} random numbers from {NumberFiles.NotebookFrom} to {NumberFiles.NotebookBelow - 1}, one a line, "
            + "as the grader writes them (it makes fresh ones for every check). Exit code 2 on a bad option.")
        {
            output, files, perFile, seed, crlf,
        };
        command.SetAction(result =>
        {
            try
            {
                var folder = result.GetValue(output)?.FullName ?? throw new UsageException("--out is missing: name the folder to write the files to, for example --out numbers.");
                Console.WriteLine(Write(folder, result.GetValue(files), result.GetValue(perFile), result.GetValue(seed), result.GetValue(crlf)));
                return GradeCommand.Graded;
            }
            catch (UsageException problem)
            {
                Console.Error.WriteLine($"gradingkit numbers: {problem.Message}");
                return GradeCommand.CouldNotRun;
            }
        });
        return command;
    }

    /// <summary>Writes the files, replacing earlier number files in the folder.</summary>
    /// <param name="folder">Where to write them.</param>
    /// <param name="files">How many files.</param>
    /// <param name="perFile">How many numbers in each.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="crlf">Whether lines end with \r\n.</param>
    /// <returns>What was written, as one sentence for the console.</returns>
    /// <exception cref="UsageException">A count out of range, or a folder that holds other files.</exception>
    public static string Write(string folder, int files, int perFile, int seed, bool crlf)
    {
        if (files < 1)
        {
            throw new UsageException($"--files {files}: write at least one file.");
        }

        if (perFile < 0)
        {
            throw new UsageException($"--per-file {perFile}: a file holds 0 numbers or more.");
        }

        if (File.Exists(folder))
        {
            throw new UsageException($"--out {folder} is a file; name a folder.");
        }

        if (Directory.Exists(folder))
        {
            var entries = Directory.GetFileSystemEntries(folder);
            var others = entries.Where(entry => !NumberFile().IsMatch(Path.GetFileName(entry)) || !File.Exists(entry)).ToList();
            if (others.Count > 0)
            {
                throw new UsageException(
                    $"--out {folder} holds other files than earlier number files (for example {Path.GetFileName(others[0])}); name a new or an empty folder.");
            }

            foreach (var earlier in entries)
            {
                File.Delete(earlier);
            }
        }

        var set = NumberFiles.Write(folder, files, perFile, NumberFiles.NotebookFrom, NumberFiles.NotebookBelow, seed, crlf ? "\r\n" : "\n");
        var names = files == 1 ? Path.GetFileName(set.Paths[0]) : $"{Path.GetFileName(set.Paths[0])} to {Path.GetFileName(set.Paths[^1])}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {files} {(files == 1 ? "file" : "files")} of {perFile:N0} numbers from {NumberFiles.NotebookFrom} to {NumberFiles.NotebookBelow - 1}, one a line ({(crlf ? "\\r\\n" : "\\n")} line endings, seed {seed}), "
            + $"to {folder}: {names}.");
    }

    [GeneratedRegex(@"^numbers-\d{3,}\.txt$")]
    private static partial Regex NumberFile();
}
