using System.Reflection;

namespace GradingKit.Tests;

/// <summary>
/// The API policy's list (starter/ApiPolicy/BannedSymbols.txt) names every overload that writes,
/// creates, moves or deletes a file or folder: the analyzer matches exact signatures, so an
/// overload a new .NET adds would be a way around it until it is listed.
/// </summary>
[TestFixture]
public sealed class TheApiPolicy
{
    private static readonly string[] Writes = ["Write", "Append", "Create", "Delete", "Move", "Copy", "Replace", "Set", "Encrypt", "Decrypt", "Open"];

    private static readonly HashSet<string> Banned = File.ReadAllLines(Path.Combine(Kit.Root, "starter", "ApiPolicy", "BannedSymbols.txt"))
        .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))
        .Select(line => line.Split(';')[0])
        .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<Type> FileSystemTypes => [typeof(File), typeof(Directory), typeof(FileInfo), typeof(DirectoryInfo), typeof(FileSystemInfo)];

    [TestCaseSource(nameof(FileSystemTypes))]
    public void Bans_every_method_and_setter_that_changes_the_file_system(Type type)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && Writes.Any(m.Name.StartsWith) && m.Name is not ("OpenRead" or "OpenText"))
            .Select(DocumentationId);
        var setters = type.GetProperties(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.CanWrite)
            .Select(p => $"P:{Name(type)}.{p.Name}");

        methods.Concat(setters).Where(id => !Banned.Contains(id)).ShouldBeEmpty();
    }

    [Test]
    public void Bans_every_way_to_open_a_file_stream_or_writer_by_path()
    {
        typeof(FileStream).GetConstructors().Select(DocumentationId)
            .Concat(typeof(StreamWriter).GetConstructors().Where(c => c.GetParameters()[0].ParameterType == typeof(string)).Select(DocumentationId))
            .Where(id => !Banned.Contains(id))
            .ShouldBeEmpty();
    }

    [Test]
    public void Leaves_what_the_exercises_need_allowed()
    {
        foreach (var allowed in new[]
        {
            "M:System.IO.File.ReadLines(System.String)", "M:System.IO.File.ReadAllText(System.String)", "M:System.IO.File.OpenRead(System.String)",
            "P:System.Environment.ProcessorCount", "M:System.Environment.Exit(System.Int32)", "T:System.Threading.Thread", "N:System.Threading.Tasks",
        })
        {
            Banned.ShouldNotContain(allowed);
        }
    }

    /// <summary>The documentation comment id the analyzer matches, for example M:System.IO.File.WriteAllText(System.String,System.String).</summary>
    private static string DocumentationId(MethodBase method)
    {
        var name = method is ConstructorInfo ? "#ctor" : method.Name + (method.IsGenericMethodDefinition ? $"``{method.GetGenericArguments().Length}" : string.Empty);
        var parameters = method.GetParameters();
        return $"M:{Name(method.DeclaringType!)}.{name}" + (parameters.Length == 0 ? string.Empty : $"({string.Join(",", parameters.Select(p => Name(p.ParameterType)))})");
    }

    private static string Name(Type type) =>
        type.IsByRef ? Name(type.GetElementType()!) + "@"
        : type.IsArray ? Name(type.GetElementType()!) + "[]"
        : type.IsGenericMethodParameter ? $"``{type.GenericParameterPosition}"
        : type.IsGenericType ? $"{type.GetGenericTypeDefinition().FullName![..type.GetGenericTypeDefinition().FullName!.IndexOf('`', StringComparison.Ordinal)]}{{{string.Join(",", type.GetGenericArguments().Select(Name))}}}"
        : type.FullName!.Replace('+', '.');
}
