using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Infrastructure.Messaging.SignalHouse;

/// <summary>
/// SignalHouse's JSON, as their official SDKs (Python and PHP "signalhouse", the Medusa plugin) send and read it.
/// Fields the SDKs do not show (segmentCount on the send response, the shape of GET /message) are read
/// defensively and must be confirmed against https://app2.signalhouse.io/docs/messages.
/// </summary>
internal static class SignalHouseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
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

    /// <summary>A string or number as text; null for anything else.</summary>
    public static string? Scalar(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };

    public static string? Text(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && Scalar(value) is { } text)
            {
                return text;
            }
        }
        return null;
    }

    public static DateTimeOffset? Date(JsonElement element, string name) =>
        Text(element, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}

/// <summary>POST /message/sms. The API's field is recipientPhoneNumber (singular) and takes an array.</summary>
internal sealed record SignalHouseSendSms(
    string SenderPhoneNumber,
    IReadOnlyList<string> RecipientPhoneNumber,
    string MessageBody,
    string? StatusCallbackUrl,
    bool EnableShortlink);

/// <summary>201 from POST /message/sms: one inserted message per recipient, and the outcome counts.</summary>
internal sealed record SignalHouseSendResponse(
    int? EnqueuedCount,
    IReadOnlyList<SignalHouseMessage>? InsertedMessages,
    JsonElement? DncBlockedNumbers);

internal sealed record SignalHouseMessage(
    [property: JsonPropertyName("_id")] string? Id,
    string? Status,
    JsonElement? ErrorCode,
    int? SegmentCount,
    string? SuccessOrFailureReason);
