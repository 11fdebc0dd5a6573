using System.Globalization;
using System.Text.RegularExpressions;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Import;

using Outreach.Bench;

namespace Outreach.Bench.Import.Generation;

/// <summary>
/// Reads a file with the console's own format detection, reader, proposed mapping and row normaliser, and
/// counts what the importer would reject and why. Offline: no database, no console. Useful to tell a slow
/// import from one that does something other than expected.
/// </summary>
public static partial class InspectCommand
{
    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var path = options.Required("file");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var format = await CsvFormat.DetectAsync(stream, cancellationToken);
        using var reader = new StreamReader(stream, format.CreateEncoding(), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var parser = new CsvRowReader(reader, format.Delimiter);
        var headers = (await parser.ReadAsync(cancellationToken) ?? throw new BenchmarkException("The file is empty.")).Select(h => h.Trim()).ToArray();
        var mapping = ImportMapping.Propose(headers);
        Console.WriteLine($"format: {format.EncodingName}, delimiter '{format.Delimiter}'");
        Console.WriteLine("mapping: " + string.Join(", ", headers.Select((h, i) => $"{h} -> {mapping.Columns[i]?.ToString() ?? "(custom)"}")));

        var fields = Enum.GetValues<ProspectField>().Length;
        var values = new string?[fields];
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        int rows = 0, accepted = 0, invalid = 0, duplicates = 0, replacementChars = 0, mojibake = 0;
        var states = new Dictionary<string, int>(StringComparer.Ordinal);
        var sectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var tiers = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await parser.ReadAsync(cancellationToken) is { } record)
        {
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rows++;
            Array.Clear(values);
            for (var column = 0; column < mapping.Columns.Count; column++)
            {
                if (mapping.Columns[column] is { } field && column < record.Length)
                {
                    values[(int)field] = record[column];
                }
            }
            foreach (var cell in record)
            {
                replacementChars += cell.Count(c => c == '\uFFFD');
                // UTF-8 text decoded as Windows-1252 shows as "JosÃ©", "PeÃ±a", "Joeâ€™s".
                mojibake += cell.Contains('Ã') || cell.Contains("â€", StringComparison.Ordinal) ? 1 : 0;
            }
            var result = ProspectRows.Normalize(values);
            if (result.Prospect is not { } prospect)
            {
                invalid++;
                Count(reasons, "invalid: " + Shape(result.Rejection ?? "rejected"));
            }
            else if ((prospect.Phone is { } phone && !phones.Add(phone)) || (prospect.Email is { } email && emails.Contains(email)))
            {
                duplicates++;
            }
            else
            {
                if (prospect.Email is { } fresh)
                {
                    emails.Add(fresh);
                }
                accepted++;
                Count(states, prospect.State ?? "(none)");
                Count(sectors, prospect.Sector ?? "(none)");
                Count(tiers, prospect.RevenueTier?.ToString() ?? "(none)");
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT inspect rows={rows} accepted={accepted} invalid={invalid} duplicates={duplicates} replacement_chars={replacementChars} mojibake_cells={mojibake}"));
        foreach (var (reason, count) in reasons.OrderByDescending(r => r.Value).Take(15))
        {
            Console.WriteLine($"  {count,8:N0}  {reason}");
        }
        Console.WriteLine("  states:  " + Top(states));
        Console.WriteLine("  sectors: " + Top(sectors));
        Console.WriteLine("  revenue: " + Top(tiers));
        return 0;
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Top(Dictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Take(8).Select(c => $"{c.Key} {c.Value:N0}"));

    /// <summary>The reason without the row's own values, so that equal reasons group.</summary>
    private static string Shape(string reason) => Quoted().Replace(reason, "'…'");

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();
}
