using System.Text.Json;

namespace Outreach.Bench.Import.Importing;

/// <summary>GET /api/imports/{id}, as far as the benchmark needs it.</summary>
public sealed record ImportState(
    string Status, int ProgressPercent, int TotalRows, int ProcessedRows, int Inserted, int Updated, int Duplicates, int Invalid,
    int Suppressed, string? Error, double? DurationMs)
{
    public bool IsFinished => Status is "Completed" or "Failed" or "Cancelled";

    public static ImportState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ImportState(
            Text(root, "status") ?? "?",
            Int(root, "progressPercent"), Int(root, "totalRows"), Int(root, "processedRows"), Int(root, "inserted"), Int(root, "updated"),
            Int(root, "duplicates"), Int(root, "invalid"), Int(root, "suppressed"),
            Text(root, "error"),
            root.TryGetProperty("durationMs", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
