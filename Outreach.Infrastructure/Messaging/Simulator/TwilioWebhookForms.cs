using System.Globalization;
using Outreach.Domain.Messaging;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>The form fields Twilio posts (API version 2010-04-01), so the console cannot tell the simulator from Twilio.</summary>
internal static class TwilioWebhookForms
{
    public const string ApiVersion = "2010-04-01";

    /// <summary>A status callback. Twilio repeats the sid and status under their pre-2017 names (SmsSid, SmsStatus).</summary>
    public static KeyValuePair<string, string>[] Status(string messageSid, string status, string to, string from, int? errorCode)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", messageSid),
            new("SmsSid", messageSid),
            new("MessageStatus", status),
            new("SmsStatus", status),
            new("To", to),
            new("From", from),
            new("AccountSid", SimulatorSmsProvider.AccountSid),
            new("ApiVersion", ApiVersion),
        };
        if (errorCode is { } code)
        {
            form.Add(new("ErrorCode", code.ToString(CultureInfo.InvariantCulture)));
        }
        return [.. form];
    }

    /// <summary>An incoming message; <paramref name="to"/> is the console's number.</summary>
    public static KeyValuePair<string, string>[] Inbound(
        string messageSid, string from, string to, string body, string? fromCity = null, string? fromState = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", messageSid),
            new("SmsSid", messageSid),
            new("SmsMessageSid", messageSid),
            new("AccountSid", SimulatorSmsProvider.AccountSid),
            new("From", from),
            new("To", to),
            new("Body", body),
            new("NumMedia", "0"),
            new("NumSegments", Math.Max(1, SmsSegments.Measure(body).Segments).ToString(CultureInfo.InvariantCulture)),
            new("SmsStatus", "received"),
            new("ApiVersion", ApiVersion),
        };
        if (fromCity is not null)
        {
            form.Add(new("FromCity", fromCity));
        }
        if (fromState is not null)
        {
            form.Add(new("FromState", fromState));
        }
        return [.. form];
    }
}
