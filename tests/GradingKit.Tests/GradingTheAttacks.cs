using System.Security.Cryptography;
using System.Text.Json;

namespace GradingKit.Tests;

/// <summary>What grading an attack must give, as written in its attack.json.</summary>
/// <param name="Attack">What the submission tries.</param>
/// <param name="Class">The class of attack it stands for (README, threat model).</param>
/// <param name="Exercises">The exercises to grade.</param>
/// <param name="Status">The report's status: integrity (refused at build time) or graded.</param>
/// <param name="Violations">For integrity: texts the report's error must name (file, API).</param>
/// <param name="Points">For graded: the exact points of each exercise.</param>
/// <param name="Links">Links to lay beside the sources: name in the submission, target relative to the kit.</param>
/// <param name="Faults">For graded: what the fault of an exercise whose host the grade command ended must say.</param>
internal sealed record AttackExpectation(
    string Attack, string Class, IReadOnlyList<string> Exercises, string Status,
    IReadOnlyList<string>? Violations = null, IReadOnlyDictionary<string, double>? Points = null, IReadOnlyDictionary<string, string>? Links = null,
    IReadOnlyDictionary<string, string>? Faults = null);

/// <summary>
/// tests/Attacks holds hostile submissions, each built on the starter's stubs (it implements nothing)
/// with its attack in place of some of them. Each is graded by the real grade command and must earn
/// nothing it did not implement; none may write its marker, change the kit, or leave a process behind.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GradingTheAttacks
{
    /// <summary>The file every attack on the machine tries to write.</summary>
    private const string Marker = "/tmp/gradingkit-attack-marker";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static string Folder => Path.Combine(Kit.Root, "tests", "Attacks");

    private static IEnumerable<string> Names => Directory.EnumerateDirectories(Folder).Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(Names))]
    public void Earns_nothing_it_did_not_implement_and_leaves_the_machine_as_it_was(string name)
    {
        var expected = Expected(name);
        var submission = Lay(name, expected);
        File.Delete(Marker);
        var kitBefore = KitFingerprint();
        try
        {
            using var threads = MachineThreads.Watch();
            var graded = GradeCommandRun.Grade(new[] { "--implementation", submission }.Concat(expected.Exercises.SelectMany(id => new[] { "--exercise", id })).ToArray());
            threads.Dispose();

            graded.ExitCode.ShouldBe(0, graded.ToString());
            var report = graded.Json!.Value;
            report.GetProperty("status").GetString().ShouldBe(expected.Status, graded.ToString());
            if (expected.Status == "integrity")
            {
                report.GetProperty("earned").GetDouble().ShouldBe(0);
                var error = report.GetProperty("error").GetString()!;
                foreach (var violation in expected.Violations ?? [])
                {
                    error.ShouldContain(violation, Case.Sensitive, graded.ToString());
                }

                graded.Output.ShouldContain("does not allow");
            }

            foreach (var (exercise, points) in expected.Points ?? new Dictionary<string, double>())
            {
                graded.Exercise(exercise).GetProperty("earned").GetDouble().ShouldBe(points, $"{exercise}\n{graded}");
            }

            foreach (var (exercise, fault) in expected.Faults ?? new Dictionary<string, string>())
            {
                graded.Exercise(exercise).GetProperty("fault").GetString().ShouldNotBeNull($"{exercise}\n{graded}").ShouldContain(fault, Case.Sensitive, graded.ToString());
            }

            // What a person reads in a terminal holds no escape sequence or bidirectional override of the student's.
            graded.Output.ShouldNotContain('\u001b');
            graded.Output.ShouldNotContain('\u202e');
            File.Exists(Marker).ShouldBeFalse($"{name} wrote {Marker}");
            KitFingerprint().ShouldBe(kitBefore, $"{name} changed the kit's files");
            ProcessesNaming(submission).ShouldBeEmpty($"{name} left processes running");
            if (threads.MostAdded is { } added)
            {
                added.ShouldBeLessThanOrEqualTo(Thresholds.GradeCommand.HostThreads + MachineThreads.GradeCommandsOwn, $"{name} took the machine's threads: {added} more at once than before its grading, where a grading host may have {Thresholds.GradeCommand.HostThreads}");
            }
        }
        finally
        {
            Directory.Delete(submission, recursive: true);
        }
    }

    [Test]
    public void An_attacker_in_a_class_changes_neither_the_next_students_grade_nor_the_gradebook()
    {
        var root = Directory.CreateTempSubdirectory("gradingkit-class-attack-");
        try
        {
            var submissions = Directory.CreateDirectory(Path.Combine(root.FullName, "class"));
            var attacker = Lay("OverwritesTheNextStudent", Expected("OverwritesTheNextStudent"));
            Directory.Move(attacker, Path.Combine(submissions.FullName, "mallory"));
            Submissions.BuildFrom(Path.Combine(Kit.Root, "tests", "Submissions", "Idiom.Plinq"), Path.Combine(submissions.FullName, "zed"));
            var victimBefore = Fingerprint(Path.Combine(submissions.FullName, "zed"));
            var gradebook = Path.Combine(root.FullName, "class-gradebook");

            var run = GradeCommandRun.Run(["grade-all", "--submissions", submissions.FullName, "--out", gradebook, "--exercise", "E01"]);

            run.ExitCode.ShouldBe(0, run.ToString());
            var rows = File.ReadAllLines(Path.Combine(gradebook, "gradebook.csv"));
            rows.Length.ShouldBe(3, string.Join('\n', rows));
            rows[1].ShouldStartWith("mallory,,0,4,integrity,");
            rows[2].ShouldStartWith("zed,4,4,4,graded,");
            Fingerprint(Path.Combine(submissions.FullName, "zed")).ShouldBe(victimBefore);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static AttackExpectation Expected(string name) =>
        JsonSerializer.Deserialize<AttackExpectation>(File.ReadAllText(Path.Combine(Folder, name, "attack.json")), Json)
        ?? throw new InvalidOperationException($"{name}/attack.json is empty.");

    /// <summary>The attack as a submission folder: the starter's stubs, the attack's files over them, a project file, its links.</summary>
    private static string Lay(string name, AttackExpectation expected)
    {
        var folder = Directory.CreateTempSubdirectory($"gradingkit-attack-{name}-").FullName;
        foreach (var stub in Directory.EnumerateFiles(Path.Combine(Kit.Root, "starter", "GradingKit.Starter"), "*.cs"))
        {
            File.Copy(stub, Path.Combine(folder, Path.GetFileName(stub)));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(Folder, name)).Where(f => Path.GetFileName(f) != "attack.json"))
        {
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), File.ReadAllText(file).Replace("{KIT}", Kit.Root, StringComparison.Ordinal));
        }

        if (!Directory.EnumerateFiles(folder, "*.csproj").Any())
        {
            File.WriteAllText(Path.Combine(folder, "Attack.csproj"), """<Project Sdk="Microsoft.NET.Sdk" />""");
        }

        foreach (var (link, target) in expected.Links ?? new Dictionary<string, string>())
        {
            File.CreateSymbolicLink(Path.Combine(folder, link), Path.Combine(Kit.Root, target));
        }

        return folder;
    }

    /// <summary>A hash of the kit's sources and manifest: what an attack on the machine would change.</summary>
    private static string KitFingerprint() =>
        string.Join(' ', new[] { "grader", "starter", "reference", "tests/Attacks", "tests/Submissions" }.Select(folder => Fingerprint(Path.Combine(Kit.Root, folder))))
        + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Kit.Root, "assignments.json"))));

    private static string Fingerprint(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(file => $"{Path.GetRelativePath(folder, file)}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))}");
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', files))));
    }

    /// <summary>The processes whose command line names the folder or the marker (none on a machine without /proc).</summary>
    private static List<string> ProcessesNaming(string folder) =>
        Directory.Exists("/proc")
            ? Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
                .Select(d => ReadCommandLine(Path.Combine(d, "cmdline")))
                .Where(command => command.Contains(folder, StringComparison.Ordinal) || command.Contains(Marker, StringComparison.Ordinal))
                .ToList()
            : [];

    private static string ReadCommandLine(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}

/// <summary>
/// How many more threads the whole machine ran at once while it was watched than when the watch began
/// (Linux's /proc/loadavg, sampled every 10 ms): what a thread bomb took of the machine's process ids.
/// </summary>
internal sealed class MachineThreads : IDisposable
{
    /// <summary>The threads the grade command itself may add beside its host's: the build's (MSBuild, the compiler server) and its own.</summary>
    public const int GradeCommandsOwn = 1000;

    private readonly int before = LoadAverage.MachineThreads() ?? 0;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread sampler;
    private int most;

    private MachineThreads()
    {
        most = before;
        sampler = new Thread(() =>
        {
            while (!stop.Token.WaitHandle.WaitOne(10))
            {
                most = Math.Max(most, LoadAverage.MachineThreads() ?? 0);
            }
        })
        { IsBackground = true };
        sampler.Start();
    }

    /// <summary>The most threads added at once; null where the system does not tell.</summary>
    public int? MostAdded => LoadAverage.MachineThreads() is null ? null : most - before;

    public static MachineThreads Watch() => new();

    public void Dispose()
    {
        if (!stop.IsCancellationRequested)
        {
            stop.Cancel();
            sampler.Join();
            stop.Dispose();
        }
    }
}
