using Outreach.Infrastructure.Messaging.SignalHouse;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Infrastructure.Messaging;

/// <summary>The "Outreach:Messaging" configuration section (environment variables: Outreach__Messaging__Twilio__AuthToken).</summary>
public sealed class SmsProviderOptions
{
    public const string Section = "Outreach:Messaging";

    public TwilioOptions Twilio { get; set; } = new();

    public SignalHouseOptions SignalHouse { get; set; } = new();

    public SmsRetryOptions Retry { get; set; } = new();
}
