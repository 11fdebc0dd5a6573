using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Infrastructure.Messaging.Twilio;

/// <summary>The parts of Twilio's 2010-04-01 JSON that the provider reads.</summary>
internal static class TwilioJson
{
    // Twilio sends num_segments and price as strings ("1", "-0.00750").
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static T? TryParse<T>(string body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Twilio's dates are RFC 2822 in GMT: "Thu, 30 Jul 2015 20:12:31 +0000".</summary>
    public static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date
            : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date) ? date : null;
}

internal sealed record TwilioMessage(
    [property: JsonPropertyName("sid")] string? Sid,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("num_segments")] int? NumSegments,
    [property: JsonPropertyName("price")] decimal? Price,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("date_created")] string? DateCreated);

internal sealed record TwilioMessagePage(
    [property: JsonPropertyName("messages")] IReadOnlyList<TwilioMessage>? Messages,
    [property: JsonPropertyName("next_page_uri")] string? NextPageUri);

/// <summary>Twilio's error body: <c>{"code": 21211, "message": "...", "more_info": "...", "status": 400}</c>.</summary>
internal sealed record TwilioError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("more_info")] string? MoreInfo);
