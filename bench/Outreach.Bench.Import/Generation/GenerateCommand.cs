using System.Globalization;

using Outreach.Bench;

namespace Outreach.Bench.Import.Generation;

public static class GenerateCommand
{
    public static int Run(CommandLine options)
    {
        var rows = options.Int("rows");
        var path = options.Required("out");
        var seed = options.Int("seed", 1);
        var report = new ProspectCsvGenerator(rows, seed, options.Int("invalid-percent", 5), options.Int("duplicate-percent", 10)).Write(path);
        report.Save();
        var c = report.Rows;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT generate file={report.Path} rows={c.Rows} bytes={report.Bytes} elapsed_ms={report.ElapsedMs} valid={c.Valid} invalid={c.Invalid} " +
            $"duplicates={c.Duplicates} dup_phone={c.DuplicatesByPhone} dup_email={c.DuplicatesByEmail} blank_lines={c.BlankLines} ragged={c.Ragged} " +
            $"multiline={c.Multiline} cp1252_rows={c.Windows1252Rows} utf8_accent_rows={c.Utf8AccentRows} bom={report.Bom} newline={report.LineEndings} quote_all={report.QuotesEveryCell}"));
        Console.WriteLine($"  headers: {string.Join(" | ", report.Headers)}");
        return 0;
    }
}
