namespace Outreach.Domain.Guardrails;

/// <summary>
/// Everything the guardrail policy needs to judge one message, gathered by the caller so that the policy stays
/// pure. <see cref="RecipientTimeZone"/> is an IANA id, or null when the recipient's zone is unknown.
/// </summary>
public sealed record GuardrailRequest(
    DateTimeOffset Now,
    string? RecipientTimeZone,
    bool RecipientSuppressed,
    bool GlobalKillSwitch,
    bool TeamKillSwitch,
    bool ChannelKillSwitch,
    SendWindow? TeamWindow,
    bool HasValidRecipient = true)
{
    /// <summary>False when the team has no number (or sender) able to send on the channel.</summary>
    public bool HasSendingNumber { get; init; } = true;
}
