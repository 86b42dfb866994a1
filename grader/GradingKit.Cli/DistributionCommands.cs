using System.CommandLine;

namespace GradingKit.Cli;

/// <summary>The commands that publish the kit: the student repository, its Classroom workflow, the Gradescope bundle.</summary>
public static class DistributionCommands
{
    /// <summary>The export command: the student repository.</summary>
    /// <returns>The command.</returns>
    public static Command Export()
    {
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "The folder to write the student repository to: missing, empty, or an earlier export (required)." };
        var force = new Option<bool>("--force") { Description = "Also write into a non-empty folder that is not an earlier export (the exported files are replaced, others are left alone)." };
        var command = new Command(
            "export",
            "Write the repository students receive: contract, starter, grader and grade command, assignments.json, a solution, a README for students, the course text, "
            + "the GitHub Classroom workflow and a Codespaces devcontainer. No reference, no kit tests. Exit code 2 on a bad --out.")
        {
            output, force,
        };
        command.SetAction(result => Run("export", () =>
        {
            var target = Required(result.GetValue(output), "the folder to write the student repository to").FullName;
            StudentRepository.Export(KitRoot.Find(), target, result.GetValue(force));
            Console.WriteLine($"Wrote the student repository to {target}.");
        }));
        return command;
    }

    /// <summary>The workflow command: the GitHub Classroom workflow, or with --class the workflow that grades a class in shards on GitHub Actions.</summary>
    /// <returns>The command.</returns>
    public static Command Workflow()
    {
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = $"The file to write (default: {ClassroomWorkflow.RelativePath} in the kit; with --class, {ClassWorkflow.RelativePath}).",
        };
        var forClass = new Option<bool>("--class")
        {
            Description = "Write the instructors' workflow that grades a class instead: a matrix of --shards jobs, each grading its shard of the submissions on a runner of its own, "
                + "then a job that merges their parts into one gradebook.",
        };
        var shards = new Option<int>("--shards") { Description = "With --class: how many shards (jobs, runners); about one per 20 students.", DefaultValueFactory = _ => 10 };
        var repository = new Option<string?>("--submissions-repository")
        {
            Description = $"With --class: the repository of submissions, OWNER/NAME, one folder per student at its root (read with the secret {ClassWorkflow.TokenSecret}).",
        };
        var archive = new Option<string?>("--submissions-archive")
        {
            Description = "With --class: or the path, in the kit's repository, of a .zip holding one folder per student at its top.",
        };
        var command = new Command(
            "workflow",
            $"Write the GitHub Classroom workflow generated from {Manifest.FileName}: one grading step, then the reporter with a runner per check, worth its points. "
            + "With --class, write the workflow that grades a class on GitHub Actions in shards and merges one gradebook.")
        {
            output, forClass, shards, repository, archive,
        };
        command.SetAction(result => Run("workflow", () =>
        {
            var kit = KitRoot.Find();
            var manifest = Path.Combine(kit, Manifest.FileName);
            var loaded = ManifestFile.Load(manifest); // a malformed manifest is refused before anything is written
            var text = result.GetValue(forClass)
                ? ClassWorkflow.Generate(KitIdentity.ManifestHash(manifest), new ClassWorkflowSettings(result.GetValue(shards), result.GetValue(repository), result.GetValue(archive)))
                : ClassroomWorkflow.Generate(loaded);
            var path = result.GetValue(output)?.FullName ?? Path.Combine(kit, result.GetValue(forClass) ? ClassWorkflow.RelativePath : ClassroomWorkflow.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            Console.WriteLine($"Wrote {path}.");
        }));
        return command;
    }

    /// <summary>The gradescope command: Gradescope's autograder zip.</summary>
    /// <returns>The command.</returns>
    public static Command Gradescope()
    {
        var output = new Option<FileInfo?>("--out", "-o") { Description = "The zip to write, for example autograder.zip: setup.sh and run_autograder at its root, the student repository under kit/ (required)." };
        var command = new Command("gradescope", "Write Gradescope's autograder zip: setup.sh installs the .NET 10 SDK and builds the grader; run_autograder grades the submission into results.json.")
        {
            output,
        };
        command.SetAction(result => Run("gradescope", () =>
        {
            var zip = Required(result.GetValue(output), "the zip file to write, for example autograder.zip").FullName;
            GradescopeBundle.Write(KitRoot.Find(), zip);
            Console.WriteLine($"Wrote {zip}.");
        }));
        return command;
    }

    /// <summary>The classroom50 command: Classroom 50's autograder bundle and the assignment's entry.</summary>
    /// <returns>The command.</returns>
    public static Command Classroom50()
    {
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "The bundle folder to write (autograder.py and kit/), published as <classroom>/autograders/<slug>/; the assignment's entry goes beside it (required)." };
        var slug = new Option<string>("--slug") { Description = "The assignment's slug in Classroom 50.", DefaultValueFactory = _ => "parallel-csharp" };
        var command = new Command(
            "classroom50",
            "Write Classroom 50's autograder bundle: autograder.py (finds or installs .NET 10 and grades the checkout's exercise sources with the bundle's own kit into result.json) "
            + "and kit/ (the student repository, no reference), plus the assignment's entry for the classroom's assignments.json.")
        {
            output, slug,
        };
        command.SetAction(result => Run("classroom50", () =>
        {
            var folder = Required(result.GetValue(output), "the bundle folder to write, for example autograders/parallel-csharp").FullName;
            Classroom50Bundle.Write(KitRoot.Find(), folder, result.GetValue(slug)!);
            Console.WriteLine($"Wrote the bundle to {folder} and the assignment's entry to {Path.Combine(Path.GetDirectoryName(folder)!, Classroom50Bundle.EntryFile)}.");
        }));
        return command;
    }

    private static T Required<T>(T? value, string what)
        where T : FileSystemInfo =>
        value ?? throw new UsageException($"--out is missing: name {what}.");

    private static int Run(string name, Action action)
    {
        try
        {
            action();
            return GradeCommand.Graded;
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"gradingkit {name}: {problem.Message}");
            return GradeCommand.CouldNotRun;
        }
    }
}
