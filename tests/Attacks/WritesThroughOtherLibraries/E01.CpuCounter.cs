using System.IO.Compression;
using System.Xml;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

// Writes files with APIs outside System.IO (XmlWriter.Create(path), ZipFile.Open(path, Create)),
// then reports what it managed to write through the exception's message.
public sealed class CpuCounter : ICpuCounter
{
    public int ProcessorCount()
    {
        var results = new List<string>();
        foreach (var path in new[] { Path.Combine(Path.GetTempPath(), "written-by-student.xml"), "/tmp/hunt3/escaped-by-student.xml" })
        {
            try
            {
                using (var writer = XmlWriter.Create(path, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
                {
                    writer.WriteString("123\n456\n");
                }

                results.Add($"wrote {path}: '{File.ReadAllText(path).Replace("\n", "|")}'");
            }
            catch (Exception e)
            {
                results.Add($"{path}: {e.Message}");
            }
        }

        try
        {
            var zip = Path.Combine(Path.GetTempPath(), "also.zip");
            using (ZipFile.Open(zip, ZipArchiveMode.Create))
            {
            }

            results.Add($"zip {zip} exists={File.Exists(zip)}");
        }
        catch (Exception e)
        {
            results.Add($"zip: {e.Message}");
        }

        var events = File.ReadAllText("/proc/self/cmdline").Split('\0');
        var index = Array.IndexOf(events, "--events");
        results.Add(index >= 0 ? $"events file {events[index + 1]} (in the same writable folder)" : "no events");
        throw new InvalidOperationException(string.Join("; ", results));
    }
}
