using System.Diagnostics;

namespace GradingKit.Tests;

/// <summary>
/// A stand-in for the grading host, for the supervisor's tests: a shell script that hands the test
/// what the supervisor gave it (the first line of its standard input, its arguments, its
/// environment), then waits for the exit code the test gives it. The test writes the host's events
/// meanwhile, as a host would, or a forgery.
/// </summary>
internal sealed class StandInHost : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("gradingkit-stand-in-");
    private readonly bool leavesAChildHoldingItsOutput;

    /// <summary>Makes the script and its folder.</summary>
    /// <param name="leavesAChildHoldingItsOutput">Whether each host first starts a process that inherits its standard output and error and outlives it.</param>
    public StandInHost(bool leavesAChildHoldingItsOutput = false) => this.leavesAChildHoldingItsOutput = leavesAChildHoldingItsOutput;

    /// <summary>The host command to give the supervisor: run and its options follow as the script's arguments.</summary>
    public IReadOnlyList<string> Command => ["/bin/sh", "-c", Script, "stand-in-host"];

    private string Script =>
        $"""
        dir='{folder.FullName}'
        {(leavesAChildHoldingItsOutput ? "sleep 300 & echo $! > \"$dir/$$.child\"" : string.Empty)}
        head -n 1 > "$dir/$$.key"
        printf '%s\n' "$@" > "$dir/$$.arguments"
        env > "$dir/$$.environment"
        touch "$dir/$$.started"
        while [ ! -e "$dir/$$.exit" ] && [ -d "$dir" ]; do sleep 0.05; done
        exit "$(cat "$dir/$$.exit")"
        """;

    /// <summary>Serves each host as it starts, until the supervisor is done.</summary>
    /// <param name="grading">The supervisor's run.</param>
    /// <param name="serve">What to do with each host.</param>
    /// <param name="limit">How long the supervisor may take.</param>
    /// <returns>How many hosts started.</returns>
    /// <exception cref="TimeoutException">The supervisor was not done within the limit.</exception>
    public int Serve(Task grading, Action<Host> serve, TimeSpan limit)
    {
        var served = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        while (!grading.IsCompleted)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"The supervisor was still running after {limit.TotalSeconds:0} s and {served.Count} hosts.");
            }

            foreach (var started in folder.GetFiles("*.started").Where(file => served.Add(file.Name)))
            {
                serve(new Host(Path.Combine(folder.FullName, Path.GetFileNameWithoutExtension(started.Name))));
            }

            Thread.Sleep(20);
        }

        return served.Count;
    }

    /// <summary>Ends what the hosts left running, by the ids they wrote down, and deletes the folder (a host still waiting, after a failed test, then ends too).</summary>
    public void Dispose()
    {
        foreach (var child in folder.GetFiles("*.child"))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(File.ReadAllText(child.FullName).Trim(), System.Globalization.CultureInfo.InvariantCulture));
                process.Kill();
            }
            catch (ArgumentException)
            {
                // It has ended already.
            }
        }

        folder.Delete(recursive: true);
    }

    /// <summary>One started host: what it was given, and how to end it.</summary>
    /// <param name="files">Where its files are, without their extensions.</param>
    public sealed class Host(string files)
    {
        /// <summary>The first line of its standard input.</summary>
        public string KeyLine { get; } = File.ReadAllText(files + ".key").TrimEnd('\n');

        /// <summary>Its arguments, after the host command.</summary>
        public IReadOnlyList<string> Arguments { get; } = File.ReadAllLines(files + ".arguments");

        /// <summary>Its environment, as env prints it.</summary>
        public string Environment { get; } = File.ReadAllText(files + ".environment");

        /// <summary>Its events file.</summary>
        public string Events => Arguments[Arguments.ToList().IndexOf("--events") + 1];

        /// <summary>The first exercise of its plan.</summary>
        public string FirstExercise => Arguments[Arguments.ToList().IndexOf("--exercise") + 1];

        /// <summary>Writes the host's events, under its key, as the grading host writes them.</summary>
        /// <returns>The writer.</returns>
        public HostEventWriter Writer() => new(Events, Convert.FromBase64String(KeyLine));

        /// <summary>Lets the host exit.</summary>
        /// <param name="code">Its exit code.</param>
        public void Exit(int code)
        {
            File.WriteAllText(files + ".exit-written", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(files + ".exit-written", files + ".exit");
        }
    }
}
