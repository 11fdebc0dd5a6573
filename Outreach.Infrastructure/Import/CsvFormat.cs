using System.Text;

namespace Outreach.Infrastructure.Import;

/// <summary>How a CSV file is written: its text encoding and its delimiter, detected from the first bytes.</summary>
public sealed record CsvFormat(string EncodingName, char Delimiter)
{
    public const string Utf8 = "utf-8";
    public const string Utf8Bom = "utf-8-bom";
    public const string Utf16 = "utf-16";
    public const string Windows1252 = "windows-1252";

    private const int SampleSize = 64 * 1024;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    static CsvFormat() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The decoder for this format. UTF-8 files decode invalid bytes as Windows-1252 instead of U+FFFD:
    /// files exported by older tools are often UTF-8 with a few Windows-1252 names pasted in, and "José"
    /// must survive the import either way.
    /// </summary>
    public Encoding CreateEncoding() => EncodingName switch
    {
        Windows1252 => Encoding.GetEncoding(1252),
        Utf16 => Encoding.Unicode,
        _ => Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new Windows1252DecoderFallback()),
    };

    public static async Task<CsvFormat> DetectAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[SampleSize];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }
            length += read;
        }
        stream.Seek(0, SeekOrigin.Begin);
        return Detect(buffer.AsSpan(0, length));
    }

    /// <summary>The format of a file that starts with this sample; throws when the sample is not text.</summary>
    public static CsvFormat Detect(ReadOnlySpan<byte> sample)
    {
        if (NotTextReason(sample) is { } reason)
        {
            throw new ImportRejectedException(reason);
        }
        string encoding;
        string text;
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encoding = Utf8Bom;
            text = Encoding.UTF8.GetString(sample[3..]);
        }
        else if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encoding = Utf16;
            text = Encoding.Unicode.GetString(sample[2..]);
        }
        else if (IsUtf8(sample))
        {
            encoding = Utf8;
            text = Encoding.UTF8.GetString(sample);
        }
        else
        {
            encoding = Windows1252;
            text = Encoding.GetEncoding(1252).GetString(sample);
        }
        return new CsvFormat(encoding, DetectDelimiter(text));
    }

    /// <summary>
    /// Why the sample is not a text file, or null when it is. A workbook or an image renamed .csv would
    /// otherwise reach the database as text holding NUL characters, which PostgreSQL refuses outright; an
    /// operator is better served by being told at once what the file is not.
    /// </summary>
    private static string? NotTextReason(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith("PK\u0003\u0004"u8) || sample.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return "This is a spreadsheet workbook (or another packed file), not a CSV file. Save it as CSV (comma-separated) and upload that.";
        }
        // UTF-16 text is full of NUL bytes by design; it is read as text when its byte order mark says so.
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return null;
        }
        var controls = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return "This file holds binary data (NUL bytes), not text; it is not a CSV file. Export the list as CSV and upload that.";
            }
            // Tab, line feed, form feed, carriage return and the old end-of-file mark occur in real exports.
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D or 0x1A))
            {
                controls++;
            }
        }
        return controls > Math.Max(8, sample.Length / 100)
            ? "This file is not readable text (it is full of control characters); it is not a CSV file. Export the list as CSV and upload that."
            : null;
    }

    /// <summary>
    /// True when the sample reads as UTF-8: it has valid multi-byte sequences and at most a few bytes that
    /// are not (stray Windows-1252 bytes pasted into a UTF-8 export, which the fallback decoder handles),
    /// or it is plain ASCII. A file with invalid bytes and no multi-byte sequence at all is Windows-1252.
    /// </summary>
    private static bool IsUtf8(ReadOnlySpan<byte> sample)
    {
        var valid = 0;
        var invalid = 0;
        var rest = sample;
        while (!rest.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(rest, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                if (rune.Value >= 0x80)
                {
                    valid++;
                }
            }
            else if (status != System.Buffers.OperationStatus.NeedMoreData)
            {
                invalid++;
            }
            rest = rest[Math.Max(consumed, 1)..];
        }
        return invalid == 0 || valid > invalid;
    }

    /// <summary>
    /// The candidate that splits the first lines most consistently into more than one field; quoted text is
    /// ignored so that "Smith, John" does not vote for the comma.
    /// </summary>
    internal static char DetectDelimiter(string text)
    {
        var lines = SplitLines(text).Where(l => l.Length > 0).Take(20).ToList();
        if (lines.Count == 0)
        {
            return ',';
        }
        var best = ',';
        var bestScore = 0.0;
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).ToList();
            var header = counts[0];
            if (header == 0)
            {
                continue;
            }
            // Lines that agree with the header, weighted by how many fields they produce.
            var agreeing = counts.Count(c => c == header);
            var score = agreeing / (double)counts.Count * Math.Log(header + 1);
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && (c == '\n' || c == '\r'))
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        // The last line of a sample may be cut off; it is left out rather than miscounted.
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var inQuotes = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == delimiter && !inQuotes)
            {
                count++;
            }
        }
        return count;
    }
}
