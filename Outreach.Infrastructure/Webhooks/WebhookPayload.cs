using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Domain.Webhooks;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>
/// The bodies receivers get. Standard: <c>{"type", "timestamp", "data"}</c>, built only from the stored event, so
/// every retry sends the same bytes. Slack: a message with a line of text and a block of the event's fields.
/// </summary>
public static class WebhookPayload
{
    public static string WebhookId(Guid eventId) => "msg_" + eventId.ToString("N", CultureInfo.InvariantCulture);

    public static string Standard(string type, DateTimeOffset occurredAt, string dataJson)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("timestamp", occurredAt.ToUniversalTime());
            writer.WritePropertyName("data");
            writer.WriteRawValue(dataJson);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Slack(string type, DateTimeOffset occurredAt, string dataJson)
    {
        var title = $"Outreach Console: {WebhookEventTypes.Label(type)}";
        var fields = new JsonArray();
        if (JsonNode.Parse(dataJson) is JsonObject data)
        {
            // Slack allows at most 10 fields in a section.
            foreach (var (name, value) in data.Where(p => p.Value is not null).Take(10))
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value!.ToJsonString();
                fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(name)}*\n{Escape(Shorten(text, 200))}" });
            }
        }
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(title)}*" } },
        };
        if (fields.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = occurredAt.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) } },
        });
        return new JsonObject { ["text"] = title, ["blocks"] = blocks }.ToJsonString();
    }

    // Slack's mrkdwn treats these three as control characters.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
