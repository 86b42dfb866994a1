using System.CommandLine;
using System.Text;
using Spectre.Console;

namespace GradingKit.Cli;

/// <summary>A part of the class's gradebook that grade-all --shard wrote, as the merge found it.</summary>
/// <param name="Folder">Its folder.</param>
/// <param name="Description">Its shard.json.</param>
/// <param name="Rows">Its gradebook's rows (none where the shard died before its first student).</param>
internal sealed record FoundPart(DirectoryInfo Folder, ShardPart Description, IReadOnlyList<GradebookRow> Rows)
{
    /// <summary>How the messages name it: its folder's name.</summary>
    public string Name => Folder.Name;
}

/// <summary>
/// The merge command: joins the parts that grade-all --shard wrote (on separate machines, for
/// example the jobs of a GitHub Actions matrix) into one gradebook.csv, the students' reports and
/// one summary. It refuses parts graded with different kits, manifests, exercises or splits, or
/// from different classes, a shard given twice, and a student graded twice or in the wrong shard,
/// saying which. Every student of the class (each part records the whole class it was split from)
/// gets a row: one whose shard died, or left no part, is "not graded", never missing.
/// </summary>
public static class MergeCommand
{
    /// <summary>The summary in Markdown, beside the gradebook (the class workflow shows it as the run's summary).</summary>
    public const string SummaryFile = "summary.md";

    /// <summary>Makes the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var parts = new Option<DirectoryInfo[]>("--parts", "-p")
        {
            Description = "A shard's output folder (it holds shard.json), or a folder whose subfolders are such parts (as actions/download-artifact leaves them); repeat it for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Where to write the merged gradebook.csv, summary.md and each student's reports.", Required = true };
        var manifestHash = new Option<string?>("--manifest-sha256")
        {
            Description = "Refuse parts graded with another assignments.json than the one of this SHA-256 (the class workflow passes the hash of the manifest it was generated from).",
        };
        var command = new Command(
            "merge",
            "Join the parts of a gradebook that grade-all --shard wrote into one gradebook.csv, the students' reports and one summary. "
            + "Refuses parts of different kits, manifests or classes, a shard given twice and a student graded twice, naming them; "
            + "a student whose shard died gets the status \"not graded\". Exit code 0 when merged; 2 when refused.")
        {
            parts, output, manifestHash,
        };
        command.SetAction(result => Run(result.GetValue(parts) ?? [], result.GetValue(output)!, result.GetValue(manifestHash)));
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <param name="folders">The parts, or folders of parts.</param>
    /// <param name="output">Where the merged gradebook goes.</param>
    /// <param name="manifestHash">The SHA-256 of the manifest every part must have been graded with, if any.</param>
    /// <returns>The exit code: <see cref="GradeCommand.Graded"/> when merged, <see cref="GradeCommand.CouldNotRun"/> when refused.</returns>
    public static int Run(IReadOnlyList<DirectoryInfo> folders, DirectoryInfo output, string? manifestHash)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var parts = Find(folders);
            var first = parts[0].Description;
            RequireAgreement(parts, manifestHash);
            var rows = Rows(parts);
            output.Create();
            CopyReports(parts, rows, output);
            GradeAllCommand.WriteGradebook(first.Exercises, rows, Path.Combine(output.FullName, GradeAllCommand.GradebookFile));
            File.WriteAllText(Path.Combine(output.FullName, SummaryFile), Markdown(first, parts, rows));
            AnsiConsole.MarkupLine($"[grey]Merged {parts.Count} of {first.Shards} part(s): {rows.Count} student(s).[/]");
            GradeAllCommand.Summary(first.Exercises, rows, output);
            var notGraded = rows.Where(row => row.Status == GradeStatus.NotGraded).ToList();
            if (notGraded.Count > 0)
            {
                AnsiConsole.MarkupLine($"[red]{notGraded.Count} student(s) not graded, their shard died or left no part: {Markup.Escape(string.Join(", ", notGraded.Select(row => row.Student)))}.[/] "
                    + "Grade their shards again (the reason column names the command) and merge again.");
            }

            return GradeCommand.Graded;
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"gradingkit merge: {problem.Message}");
            return GradeCommand.CouldNotRun;
        }
    }

    /// <summary>The parts: each folder that holds shard.json, or else its subfolders that do, with their gradebooks' rows.</summary>
    private static List<FoundPart> Find(IReadOnlyList<DirectoryInfo> folders)
    {
        var found = new List<FoundPart>();
        foreach (var folder in folders)
        {
            if (!folder.Exists)
            {
                throw new UsageException($"--parts {folder.FullName}: no such folder.");
            }

            var partFolders = File.Exists(Path.Combine(folder.FullName, ShardPart.FileName))
                ? [folder]
                : folder.EnumerateDirectories().Where(sub => File.Exists(Path.Combine(sub.FullName, ShardPart.FileName))).OrderBy(sub => sub.Name, StringComparer.Ordinal).ToList();
            if (partFolders.Count == 0)
            {
                throw new UsageException($"--parts {folder.FullName}: neither it nor a folder in it holds {ShardPart.FileName}; give the output folders of grade-all --shard.");
            }

            foreach (var part in partFolders)
            {
                var description = ShardPart.Read(part.FullName);
                var gradebook = Path.Combine(part.FullName, GradeAllCommand.GradebookFile);
                var rows = File.Exists(gradebook) ? GradeAllCommand.ReadGradebook(description.Exercises, gradebook, $"part {part.Name}") : [];
                found.Add(new FoundPart(part, description, rows));
            }
        }

        return found;
    }

    /// <summary>Refuses parts that do not belong together, naming them and what differs.</summary>
    private static void RequireAgreement(IReadOnlyList<FoundPart> parts, string? manifestHash)
    {
        Agree(parts, part => part.Description.Kit, "kits (the SHA-256 of the grader's sources)", "grade every shard with the same commit of the kit");
        Agree(parts, part => part.Description.Manifest, "manifests (the SHA-256 of assignments.json)", "grade every shard with the same assignments.json");
        Agree(parts, part => string.Join(", ", part.Description.Exercises), "exercises", "grade every shard with the same --exercise options");
        Agree(parts, part => part.Description.Shards.ToString(System.Globalization.CultureInfo.InvariantCulture), "numbers of shards", "grade every shard with the same N in --shard I/N");
        if (manifestHash is not null && parts.FirstOrDefault(part => !string.Equals(part.Description.Manifest, manifestHash, StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            throw new UsageException(
                $"part {other.Name} was graded with the manifest {Short(other.Description.Manifest)}, not the expected {Short(manifestHash)} (--manifest-sha256): "
                + "assignments.json changed since the workflow was generated; regenerate it (workflow --class) and grade again.");
        }

        var everyone = parts.SelectMany(part => part.Description.Roster).ToHashSet(StringComparer.Ordinal);
        var unsafeNames = everyone.Where(student => !SafeName(student)).ToList();
        if (unsafeNames.Count > 0)
        {
            throw new UsageException($"the parts name students that cannot be folder names: {string.Join(", ", unsafeNames)}; grade the class again from its submissions folder.");
        }

        foreach (var part in parts)
        {
            var missing = everyone.Except(part.Description.Roster, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw new UsageException(
                    $"the parts were split from different classes: part {part.Name}'s class lacks {string.Join(", ", missing)}; grade every shard from the same submissions.");
            }
        }

        var twice = parts.GroupBy(part => part.Description.Shard).FirstOrDefault(shard => shard.Count() > 1);
        if (twice is not null)
        {
            throw new UsageException($"shard {twice.Key}/{parts[0].Description.Shards} is given twice: parts {string.Join(", ", twice.Select(part => part.Name))}; keep one.");
        }

        var strays = parts.SelectMany(part => part.Rows
                .Where(row => !everyone.Contains(row.Student) || Shard.Of(row.Student, part.Description.Shards) != part.Description.Shard)
                .Select(row => $"{row.Student} (part {part.Name})"))
            .ToList();
        if (strays.Count > 0)
        {
            throw new UsageException($"rows for students not of their part's shard or class: {string.Join(", ", strays)}; grade those shards again.");
        }

        var duplicates = parts.SelectMany(part => part.Rows.Select(row => (row.Student, Part: part.Name)))
            .GroupBy(row => row.Student, StringComparer.Ordinal)
            .Where(student => student.Count() > 1)
            .Select(student => $"{student.Key} (parts {string.Join(", ", student.Select(row => row.Part))})")
            .ToList();
        if (duplicates.Count > 0)
        {
            throw new UsageException($"students graded twice: {string.Join(", ", duplicates)}; keep one row of each.");
        }
    }

    private static void Agree(IReadOnlyList<FoundPart> parts, Func<FoundPart, string> value, string what, string remedy)
    {
        var groups = parts.GroupBy(value, StringComparer.Ordinal).ToList();
        if (groups.Count > 1)
        {
            throw new UsageException(
                $"the parts were graded with different {what}: "
                + string.Join("; ", groups.Select(group => $"{string.Join(", ", group.Select(part => part.Name))} with {(group.Key.Length == 64 ? Short(group.Key) : group.Key)}"))
                + $"; {remedy}.");
        }
    }

    /// <summary>Every student of the class, in ordinal order: their row, or "not graded" with why and the command that grades their shard again.</summary>
    private static List<GradebookRow> Rows(IReadOnlyList<FoundPart> parts)
    {
        var first = parts[0].Description;
        var graded = parts.SelectMany(part => part.Rows).ToDictionary(row => row.Student, StringComparer.Ordinal);
        var byShard = parts.ToDictionary(part => part.Description.Shard);
        return first.Roster.Order(StringComparer.Ordinal).Select(student =>
        {
            if (graded.TryGetValue(student, out var row))
            {
                return row;
            }

            var shard = Shard.Of(student, first.Shards);
            var why = !byShard.TryGetValue(shard, out var part) ? $"shard {shard}/{first.Shards} left no part (its job died, or its artifact is missing)"
                : part.Description.Finished ? $"shard {shard}/{first.Shards} finished without a row for this student (its gradebook could not be written)"
                : $"shard {shard}/{first.Shards} ended before grading this student (its job died or timed out)";
            return new GradebookRow(student, [], 0, first.Possible, GradeStatus.NotGraded, $"{why}; grade it again: grade-all --shard {shard}/{first.Shards}, then merge again");
        }).ToList();
    }

    /// <summary>Copies each graded student's reports from their part; writes why for a student not graded.</summary>
    private static void CopyReports(IReadOnlyList<FoundPart> parts, IReadOnlyList<GradebookRow> rows, DirectoryInfo output)
    {
        var partOf = parts.SelectMany(part => part.Rows.Select(row => (row.Student, part))).ToDictionary(pair => pair.Student, pair => pair.part, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var target = Directory.CreateDirectory(Path.Combine(output.FullName, row.Student));
            if (!partOf.TryGetValue(row.Student, out var part))
            {
                File.WriteAllText(Path.Combine(target.FullName, GradeAllCommand.ReportTextFile), $"{row.Student}: the submission was not graded: {row.Reason}{Environment.NewLine}");
                continue;
            }

            var reports = new DirectoryInfo(Path.Combine(part.Folder.FullName, row.Student));
            foreach (var file in reports.Exists ? reports.EnumerateFiles() : [])
            {
                file.CopyTo(Path.Combine(target.FullName, file.Name), overwrite: true);
            }
        }
    }

    /// <summary>The summary in Markdown: how many students of each status, and the gradebook as a table.</summary>
    private static string Markdown(ShardPart first, IReadOnlyList<FoundPart> parts, IReadOnlyList<GradebookRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("# GradingKit: the gradebook").AppendLine();
        var counts = rows.GroupBy(row => row.Status.Text()).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Count()} {group.Key}");
        text.AppendLine($"{rows.Count} students from {parts.Count} of {first.Shards} shard(s): {string.Join(", ", counts)}.").AppendLine();
        text.AppendLine($"Grading hosts: {GradingHosts(parts)}.").AppendLine();
        text.AppendLine($"| student | {string.Join(" | ", first.Exercises)} | total | possible | status | reason |");
        text.AppendLine($"|---|{string.Concat(first.Exercises.Select(_ => "---:|"))}---:|---:|---|---|");
        foreach (var row in rows)
        {
            var earned = first.Exercises.Select((_, index) => index < row.Earned.Count ? GradeAllCommand.Points(row.Earned[index]) : "-");
            text.AppendLine($"| {Cell(row.Student)} | {string.Join(" | ", earned)} | {GradeAllCommand.Points(row.Total)} | {GradeAllCommand.Points(row.Possible)} | {row.Status.Text()} | {Cell(row.Reason)} |");
        }

        return text.ToString();
    }

    /// <summary>Whether the shards' grading hosts ran in the sandbox: one description where all agree, else each with its shards.</summary>
    private static string GradingHosts(IReadOnlyList<FoundPart> parts)
    {
        var groups = parts.GroupBy(part => part.Description.Sandbox.Length > 0 ? part.Description.Sandbox : "not recorded", StringComparer.Ordinal).ToList();
        return groups.Count == 1
            ? groups[0].Key
            : string.Join("; ", groups.Select(group => $"shard {string.Join(", ", group.Select(part => part.Description.Shard).Order())}: {group.Key}"));
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>A student's name as a folder name of the submissions: no path, so that the merge writes nowhere else.</summary>
    private static bool SafeName(string student) =>
        student.Length > 0 && student is not ("." or "..") && Path.GetFileName(student) == student && student.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
