using System.Text.Json;

namespace Outreach.Bench.Import.Generation;

/// <summary>What a generated file holds, written next to it as PATH.meta.json so a run can compare the console's counts.</summary>
public sealed record GeneratorReport(
    string Path, long Bytes, long ElapsedMs, bool Bom, string LineEndings, bool QuotesEveryCell, IReadOnlyList<string> Headers, GeneratorReport.Counts Rows)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public sealed class Counts
    {
        /// <summary>Data rows (blank lines not included).</summary>
        public int Rows { get; set; }

        /// <summary>Rows with a usable phone or e-mail seen for the first time in the file.</summary>
        public int Valid { get; set; }

        /// <summary>Rows with neither a usable phone nor a usable e-mail.</summary>
        public int Invalid { get; set; }

        /// <summary>Rows repeating an earlier row's phone or e-mail.</summary>
        public int Duplicates { get; set; }

        public int DuplicatesByPhone { get; set; }
        public int DuplicatesByEmail { get; set; }
        public int BlankLines { get; set; }
        public int Ragged { get; set; }
        public int Multiline { get; set; }
        public int Windows1252Rows { get; set; }
        public int Utf8AccentRows { get; set; }
    }

    public static string MetaPath(string csvPath) => csvPath + ".meta.json";

    public void Save() => File.WriteAllText(MetaPath(Path), JsonSerializer.Serialize(this, Json));
}
