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
        CampaignKillSwitch,
        CampaignRunning,
        NotSuppressed,
        SendingNumber,
        StopOnReply,
        MaxFollowUps,
        AwaitingApproval,
        DuplicateContent,
        CampaignBudget,
        TeamBudget,
        QuietHours,
        FrequencyCap,
        CampaignDailyCap,
        Throttle,
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

    private static GuardrailDecision? CampaignKillSwitch(GuardrailRequest request) => request.Campaign is { KillSwitch: true }
        ? GuardrailDecision.Block(GuardrailReason.CampaignKillSwitch, "This campaign's kill switch is engaged.")
        : null;

    private static GuardrailDecision? CampaignRunning(GuardrailRequest request) => request.Campaign is { Running: false }
        ? GuardrailDecision.Block(GuardrailReason.CampaignNotRunning, "The campaign is not running.")
        : null;

    private static GuardrailDecision? StopOnReply(GuardrailRequest request) => request.Campaign is { StopOnReply: true, ProspectReplied: true }
        ? GuardrailDecision.Block(GuardrailReason.StopOnReply, "The prospect replied; this campaign stops on a reply.")
        : null;

    // Step 0 is the first contact; every later step is a follow-up.
    // Follow-up rules count what they sent since the prospect last wrote: automation never nags past the team's limit.
    private static GuardrailDecision? MaxFollowUps(GuardrailRequest request) => request switch
    {
        { Campaign: { } campaign } when campaign.Step > campaign.MaxFollowUps =>
            GuardrailDecision.Block(GuardrailReason.MaxFollowUps, Invariant($"The prospect already had {campaign.MaxFollowUps} follow-ups, the campaign's maximum.")),
        { FollowUps: { } followUps } when followUps.SentWithoutReply >= followUps.MaxWithoutReply =>
            GuardrailDecision.Block(GuardrailReason.MaxFollowUps,
                Invariant($"The prospect already had {followUps.SentWithoutReply} follow-up{(followUps.SentWithoutReply == 1 ? "" : "s")} without replying; the team allows {followUps.MaxWithoutReply}.")),
        _ => null,
    };

    private static GuardrailDecision? AwaitingApproval(GuardrailRequest request) => request.Campaign is { NeedsApproval: true, Step: 0 }
        ? GuardrailDecision.Block(GuardrailReason.AwaitingApproval, "First contact waits for a person's approval.")
        : null;

    private static GuardrailDecision? DuplicateContent(GuardrailRequest request) => request.DuplicateContent
        ? GuardrailDecision.Block(GuardrailReason.DuplicateContent, "The same message went to this number within the last 24 hours.")
        : null;

    private static GuardrailDecision? CampaignBudget(GuardrailRequest request) => request.Campaign is { Budget.Exceeded: true } campaign
        ? GuardrailDecision.Block(GuardrailReason.CampaignBudget, Invariant($"The campaign's budget ({campaign.Budget.Limit:0.00}) would be exceeded: {campaign.Budget.Committed:0.0000} spent or reserved."))
        : null;

    private static GuardrailDecision? TeamBudget(GuardrailRequest request) => request.TeamBudget is { Exceeded: true } budget
        ? GuardrailDecision.Block(GuardrailReason.TeamBudget, Invariant($"The team's monthly budget ({budget.Limit:0.00}) would be exceeded: {budget.Committed:0.0000} spent or reserved."))
        : null;

    private static GuardrailDecision? FrequencyCap(GuardrailRequest request)
    {
        if (request.Frequency is not { } frequency)
        {
            return null;
        }
        var now = request.Now.ToUniversalTime();
        if (frequency.LastWeek >= frequency.MaxPerWeek)
        {
            var until = Later(now, (frequency.OldestInWeek ?? now).AddDays(7));
            return GuardrailDecision.Defer(GuardrailReason.FrequencyCap,
                Invariant($"The prospect already had {frequency.LastWeek} automated messages in 7 days (at most {frequency.MaxPerWeek})."), until);
        }
        if (frequency.LastDay >= frequency.MaxPerDay)
        {
            var until = Later(now, (frequency.OldestInDay ?? now).AddDays(1));
            return GuardrailDecision.Defer(GuardrailReason.FrequencyCap,
                Invariant($"The prospect already had {frequency.LastDay} automated messages in 24 hours (at most {frequency.MaxPerDay})."), until);
        }
        return null;
    }

    private static GuardrailDecision? CampaignDailyCap(GuardrailRequest request) => request.Campaign is { } campaign && campaign.SentToday >= campaign.DailyCap
        ? GuardrailDecision.Defer(GuardrailReason.CampaignDailyCap,
            Invariant($"The campaign sent {campaign.SentToday} messages today, its daily cap."), Later(request.Now, campaign.NextDayStartsAt))
        : null;

    private static GuardrailDecision? Throttle(GuardrailRequest request) => request.Campaign is { } campaign && campaign.SentLastMinute >= campaign.ThrottlePerMinute
        ? GuardrailDecision.Defer(GuardrailReason.Throttle,
            Invariant($"The campaign sent {campaign.SentLastMinute} messages in the last minute, its throttle."),
            Later(request.Now, (campaign.OldestInLastMinute ?? request.Now).AddMinutes(1)))
        : null;

    // A deferral never points at the past: a stale counter must not make a message due again at once.
    private static DateTimeOffset Later(DateTimeOffset now, DateTimeOffset candidate) =>
        candidate > now ? candidate.ToUniversalTime() : now.ToUniversalTime().AddSeconds(1);

    private static GuardrailDecision? NotSuppressed(GuardrailRequest request) => request.RecipientSuppressed
        ? GuardrailDecision.Block(GuardrailReason.Suppressed, "The recipient is on the do-not-contact list.")
        : null;

    private static GuardrailDecision? SendingNumber(GuardrailRequest request) => request.HasSendingNumber
        ? null
        : GuardrailDecision.Block(GuardrailReason.NoSendingNumber, "The team has no number that can send on this channel.");

    private static GuardrailDecision? QuietHours(GuardrailRequest request)
    {
        var window = (request.TeamWindow ?? SendWindow.Legal).NarrowTo(SendWindow.Legal);
        if (request.Campaign is { } campaign)
        {
            window = window.NarrowTo(campaign.Window);
        }
        if (window.IsEmpty)
        {
            return GuardrailDecision.Block(GuardrailReason.QuietHours, request.Campaign is null
                ? "The team's send window allows no time at all."
                : "The team's and the campaign's send windows leave no time at all.");
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
