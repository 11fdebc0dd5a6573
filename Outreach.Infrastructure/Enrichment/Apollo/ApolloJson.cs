using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Infrastructure.Enrichment.Apollo;

/// <summary>
/// POST /api/v1/people/match's body. Only the identifiers we have are sent: an empty field is not "unknown" to
/// Apollo but a value to match against.
/// </summary>
internal sealed record ApolloMatchRequest(
    string? FirstName,
    string? LastName,
    string? Name,
    string? OrganizationName,
    string? Domain,
    string? Email,
    string? LinkedinUrl,
    // Personal addresses cost extra credits and are not what a B2B list may be contacted at.
    bool RevealPersonalEmails = false);

/// <summary>Apollo's JSON: snake_case, and read defensively (numbers sometimes arrive as strings, objects as null).</summary>
internal static class ApolloJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    public static decimal? Number(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e || !e.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.Number when value.TryGetDouble(out var number) && Math.Abs(number) < 1e28 => (decimal)number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    public static JsonDocument? ParseOrNull(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
