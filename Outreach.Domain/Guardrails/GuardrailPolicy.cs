using static System.FormattableString;

namespace Outreach.Domain.Guardrails;

/// <summary>
/// The one policy every message passes through, automated or manual. Checks run in a fixed order and the first
/// that objects decides: checks that block come before checks that defer, because deferring a message that
/// will never be allowed only wastes a retry and hides the real reason. To add a guardrail, add a check to
/// <see cref="Checks"/> in its place in that order.
/// </summary>
public static class GuardrailPolicy
{
    private delegate GuardrailDecision? Check(GuardrailRequest request);

    private static readonly Check[] Checks =
    [
        ValidRecipient,
        GlobalKillSwitch,
        TeamKillSwitch,
        ChannelKillSwitch,
        NotSuppressed,
        SendingNumber,
        QuietHours,
    ];

    public static GuardrailDecision Evaluate(GuardrailRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        foreach (var check in Checks)
        {
            if (check(request) is { } decision)
            {
                return decision;
            }
        }
        return GuardrailDecision.Allowed;
    }

    private static GuardrailDecision? ValidRecipient(GuardrailRequest request) => request.HasValidRecipient
        ? null
        : GuardrailDecision.Block(GuardrailReason.InvalidRecipient, "The recipient's number is not a valid mobile number.");

    private static GuardrailDecision? GlobalKillSwitch(GuardrailRequest request) => request.GlobalKillSwitch
        ? GuardrailDecision.Block(GuardrailReason.GlobalKillSwitch, "All sending is stopped for the installation.")
        : null;

    private static GuardrailDecision? TeamKillSwitch(GuardrailRequest request) => request.TeamKillSwitch
        ? GuardrailDecision.Block(GuardrailReason.TeamKillSwitch, "All sending is stopped for this team.")
        : null;

    private static GuardrailDecision? ChannelKillSwitch(GuardrailRequest request) => request.ChannelKillSwitch
        ? GuardrailDecision.Block(GuardrailReason.ChannelKillSwitch, "Sending is stopped on this channel.")
        : null;

    private static GuardrailDecision? NotSuppressed(GuardrailRequest request) => request.RecipientSuppressed
        ? GuardrailDecision.Block(GuardrailReason.Suppressed, "The recipient is on the do-not-contact list.")
        : null;

    private static GuardrailDecision? SendingNumber(GuardrailRequest request) => request.HasSendingNumber
        ? null
        : GuardrailDecision.Block(GuardrailReason.NoSendingNumber, "The team has no number that can send on this channel.");

    private static GuardrailDecision? QuietHours(GuardrailRequest request)
    {
        var window = (request.TeamWindow ?? SendWindow.Legal).NarrowTo(SendWindow.Legal);
        if (window.IsEmpty)
        {
            return GuardrailDecision.Block(GuardrailReason.QuietHours, "The team's send window allows no time at all.");
        }

        var now = request.Now.ToUniversalTime();
        if (RecipientTimeZones.Find(request.RecipientTimeZone) is { } zone)
        {
            if (window.Allows(now, zone))
            {
                return null;
            }
            var next = window.NextAllowed(now, zone);
            return GuardrailDecision.Defer(
                GuardrailReason.QuietHours,
                Invariant($"Outside the send window ({window}) in {zone.Id}; next allowed at {Local(next, zone)} ({next:yyyy-MM-dd HH:mm} UTC)."),
                next);
        }

        // Unknown zone: the recipient may be anywhere from New York to Los Angeles, so only the moments inside
        // the window in all four zones are safe.
        var zones = RecipientTimeZones.ContinentalUs;
        if (window.AllowsInAll(now, zones))
        {
            return null;
        }
        var reason = string.IsNullOrWhiteSpace(request.RecipientTimeZone)
            ? "The recipient's time zone is unknown"
            : $"The recipient's time zone '{request.RecipientTimeZone}' is not recognised";
        if (window.NextAllowedInAll(now, zones) is not { } common)
        {
            return GuardrailDecision.Block(
                GuardrailReason.QuietHours,
                $"{reason}, and the send window ({window}) never holds in every continental US time zone at once. Set the recipient's time zone or widen the window.");
        }
        return GuardrailDecision.Defer(
            GuardrailReason.QuietHours,
            Invariant($"{reason}, so messages go only while the send window ({window}) holds in Eastern, Central, Mountain and Pacific time; next allowed at {Local(common, zones[0])} ({common:yyyy-MM-dd HH:mm} UTC)."),
            common);
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        Invariant($"{TimeZoneInfo.ConvertTime(instant, zone):yyyy-MM-dd HH:mm} {zone.Id}");
}
