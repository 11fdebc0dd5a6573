namespace Outreach.Infrastructure.Messaging;

/// <summary>The names providers register under; stored on numbers and messages, so they never change.</summary>
public static class SmsProviderNames
{
    public const string Twilio = "twilio";
    public const string SignalHouse = "signalhouse";
    public const string Simulator = "simulator";
}
