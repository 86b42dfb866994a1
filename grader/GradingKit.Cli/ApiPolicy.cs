using System.Text.Json;
using System.Text.RegularExpressions;

namespace GradingKit.Cli;

/// <summary>
/// What a submission's build says of the API policy (starter/ApiPolicy/BannedSymbols.txt): every use
/// of a banned API that the analyzer found (RS0030), read from the compiler's error log so that a use
/// silenced by <c>#pragma warning disable</c> or <c>[SuppressMessage]</c> counts too; unsafe code,
/// which the build does not allow; and <c>dynamic</c>, which it cannot compile without the late
/// binder. Any of these makes the submission an integrity error, graded for nothing.
/// </summary>
public static partial class ApiPolicy
{
    private const string BannedApi = "RS0030";

    /// <summary>The policy's violations, each as "file(line): what, why".</summary>
    /// <param name="sources">The submission's sources, whose build wrote the error log.</param>
    /// <param name="buildOutput">The build's error lines.</param>
    /// <returns>The violations, in file and line order; none for a submission within the policy.</returns>
    public static IReadOnlyList<string> Violations(SubmissionSources sources, IReadOnlyList<string> buildOutput)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(buildOutput);
        var banned = File.Exists(sources.PolicyLog) ? BannedUses(sources) : [];
        var language = buildOutput.Select(line => LanguageViolation(line, sources.Folder)).OfType<string>();
        return banned.Concat(language).Distinct().ToList();
    }

    private static List<string> BannedUses(SubmissionSources sources)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(sources.PolicyLog));
        var uses = new List<(string File, int Line, string Text)>();
        foreach (var result in log.RootElement.GetProperty("runs").EnumerateArray().SelectMany(run => run.GetProperty("results").EnumerateArray()))
        {
            if (result.GetProperty("ruleId").GetString() != BannedApi)
            {
                continue;
            }

            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var file = Relative(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath, sources.Folder);
            var line = location.GetProperty("region").GetProperty("startLine").GetInt32();
            var text = BannedMessage().Match(result.GetProperty("message").GetProperty("text").GetString() ?? string.Empty) is { Success: true } message
                ? $"uses {message.Groups["api"].Value}: {message.Groups["why"].Value}"
                : "uses an API the policy bans";
            var silenced = result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0
                ? " (silencing the warning does not lift the policy)"
                : string.Empty;
            uses.Add((file, line, text + silenced));
        }

        return uses.OrderBy(use => use.File, StringComparer.Ordinal).ThenBy(use => use.Line).Select(use => $"{use.File}({use.Line}): {use.Text}").ToList();
    }

    private static string? LanguageViolation(string line, string folder)
    {
        var error = CompilerError().Match(line);
        if (!error.Success)
        {
            return null;
        }

        var why = error.Groups["code"].Value switch
        {
            "CS0227" or "CS0214" => "unsafe code (pointers, fixed, unsafe blocks): the policy bans unchecked memory access",
            "CS0656" when line.Contains("Microsoft.CSharp.RuntimeBinder", StringComparison.Ordinal) => "dynamic: late binding is reflection, which the policy bans",
            _ => null,
        };
        return why is null ? null : $"{Relative(error.Groups["file"].Value, folder)}({error.Groups["line"].Value}): {why}";
    }

    private static string Relative(string path, string folder) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    [GeneratedRegex(@"The symbol '(?<api>.+?)' is banned in this project: (?<why>.+?)(\s*\(https?://[^)]*\))?$")]
    private static partial Regex BannedMessage();

    [GeneratedRegex(@"^(?<file>[^(]+)\((?<line>\d+),\d+\): error (?<code>CS\d+):")]
    private static partial Regex CompilerError();
}
