using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GradingKit.Protocol;

/// <summary>
/// The results channel from a grading host to the grade command, authenticated so that student code
/// running in the host cannot forge it. The grade command makes a fresh random key per host and
/// writes it, base64, as the first line of the host's standard input; it is never on a command line
/// or in the environment. Each event is one line of the events file,
/// <code>{"seq":n,"mac":"BASE64","event":{...}}</code>
/// where n numbers the host's events from 0 and the MAC is HMAC-SHA256 under the key over the UTF-8
/// bytes of <c>n + "\n" + payload</c>, the payload being the event's JSON exactly as it stands in the line.
/// </summary>
public static class HostChannel
{
    /// <summary>The key's length in bytes: as long as HMAC-SHA256's output, as RFC 2104 recommends.</summary>
    public const int KeyBytes = 32;

    /// <summary>Room for the key's line: 44 characters of base64 and the line break, with some to spare.</summary>
    private const int KeyLineLimit = 128;

    /// <summary>A fresh random key for one host.</summary>
    /// <returns>The key.</returns>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>The line that carries one event, without its line break.</summary>
    /// <param name="sequence">The event's number among the host's events, from 0.</param>
    /// <param name="hostEvent">The event.</param>
    /// <param name="key">The host's key.</param>
    /// <returns>The line.</returns>
    public static string Line(long sequence, HostEvent hostEvent, ReadOnlySpan<byte> key)
    {
        var payload = JsonSerializer.Serialize(hostEvent, HostEvent.Json);
        return $$"""{"seq":{{sequence}},"mac":"{{Convert.ToBase64String(Mac(sequence, payload, key))}}","event":{{payload}}}""";
    }

    /// <summary>Reads one line as the host's event of that number.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="sequence">The number the next event must carry.</param>
    /// <param name="key">The host's key.</param>
    /// <returns>The event, or null when the line is not JSON of this form, carries another number, or a MAC that the key did not make.</returns>
    public static HostEvent? Read(string line, long sequence, ReadOnlySpan<byte> key)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("seq", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt64(out var seq) || seq != sequence
                || !root.TryGetProperty("mac", out var mac) || mac.ValueKind != JsonValueKind.String || !mac.TryGetBytesFromBase64(out var macBytes)
                || !root.TryGetProperty("event", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var payloadText = payload.GetRawText();
            return CryptographicOperations.FixedTimeEquals(macBytes, Mac(sequence, payloadText, key))
                ? JsonSerializer.Deserialize<HostEvent>(payloadText, HostEvent.Json)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the key from the first line of the host's standard input.</summary>
    /// <param name="input">The host's standard input, as a raw stream.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidOperationException">The first line holds no key.</exception>
    internal static byte[] ReadKey(Stream input)
    {
        // Byte by byte from the raw stream: a buffering reader (Console.In) would keep a copy of the key where student code could find it.
        Span<byte> line = stackalloc byte[KeyLineLimit];
        var length = 0;
        while (length < line.Length && input.Read(line.Slice(length, 1)) == 1 && line[length] != (byte)'\n')
        {
            length++;
        }

        var key = new byte[KeyBytes];
        var decoded = Base64.DecodeFromUtf8(line[..length], key, out _, out var written) == OperationStatus.Done && written == KeyBytes;
        line.Clear();
        return decoded
            ? key
            : throw new InvalidOperationException(
                $"The grading host found no key on the first line of its standard input: the grade command starts it with one ({KeyBytes} bytes, base64).");
    }

    private static byte[] Mac(long sequence, string payload, ReadOnlySpan<byte> key) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{sequence}\n{payload}")));
}

/// <summary>
/// The host's end of the results channel (<see cref="HostChannel"/>): appends events to the events
/// file, numbered from 0, each line in a single write so that the reader never meets half of one
/// that the host wrote.
/// </summary>
public sealed class HostEventWriter : IDisposable
{
    private readonly FileStream file;

    // The key lives here only: not in a static, the environment, the command line or a reader's buffer.
    private readonly byte[] key;
    private readonly Lock gate = new();
    private long sequence;

    /// <summary>Opens the events file for appending.</summary>
    /// <param name="path">The events file.</param>
    /// <param name="key">The host's key, copied.</param>
    public HostEventWriter(string path, ReadOnlySpan<byte> key)
    {
        this.key = key.ToArray();
        file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>Reads the key from the first line of standard input and opens the events file with it.</summary>
    /// <param name="path">The events file.</param>
    /// <param name="standardInput">The host's standard input, as a raw stream.</param>
    /// <returns>The writer.</returns>
    /// <exception cref="InvalidOperationException">The first line holds no key.</exception>
    public static HostEventWriter Open(string path, Stream standardInput)
    {
        var key = HostChannel.ReadKey(standardInput);
        try
        {
            return new HostEventWriter(path, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Writes one event.</summary>
    /// <param name="hostEvent">The event.</param>
    public void Write(HostEvent hostEvent)
    {
        lock (gate)
        {
            file.Write(Encoding.UTF8.GetBytes(HostChannel.Line(sequence, hostEvent, key) + "\n"));
            sequence++;
        }
    }

    /// <inheritdoc />
    public void Dispose() => file.Dispose();
}
