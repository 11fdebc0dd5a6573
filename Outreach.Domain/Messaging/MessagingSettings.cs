using Outreach.Domain.Common;

namespace Outreach.Domain.Messaging;

/// <summary>
/// A team's sending rules and switches: the team kill switch, its sending hours (never wider than the legal
/// 08:00-21:00 in the recipient's zone), auto-reply, the concurrency cap, and its classification profile
/// (JSON, edited in Settings; it also holds the reply to HELP).
/// </summary>
public sealed class MessagingSettings : ITeamOwned
{
    public const int DefaultAutoReplyThreshold = 70;
    public const int DefaultMaxConcurrentSends = 10;
    public const int DefaultHotLeadSlaMinutes = 120;

    private MessagingSettings()
    {
        ClassificationProfile = "{}";
    }

    public Guid TeamId { get; private set; }
    public bool SendingPaused { get; private set; }
    public string? PausedReason { get; private set; }
    public string? PausedBy { get; private set; }
    public DateTimeOffset? PausedAt { get; private set; }
    public TimeOnly QuietHoursStart { get; private set; }
    public TimeOnly QuietHoursEnd { get; private set; }
    public bool AutoReplyEnabled { get; private set; }
    public int AutoReplyThreshold { get; private set; }
    public int MaxConcurrentSends { get; private set; }
    public string ClassificationProfile { get; private set; }

    /// <summary>How long a hot lead may wait for a human before the inbox flags it (see <c>InboxSla</c>).</summary>
    public int HotLeadSlaMinutes { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static MessagingSettings CreateDefault(Guid teamId, TimeProvider clock) => new()
    {
        TeamId = teamId,
        QuietHoursStart = new TimeOnly(9, 0),
        QuietHoursEnd = new TimeOnly(20, 0),
        AutoReplyThreshold = DefaultAutoReplyThreshold,
        MaxConcurrentSends = DefaultMaxConcurrentSends,
        HotLeadSlaMinutes = DefaultHotLeadSlaMinutes,
        UpdatedAt = clock.GetUtcNow(),
    };

    /// <summary>The team's kill switch: engaged at once, the reason may follow (<see cref="ExplainPause"/>).</summary>
    public void Pause(string? reason, string by, TimeProvider clock)
    {
        SendingPaused = true;
        PausedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        PausedBy = by;
        PausedAt = clock.GetUtcNow();
        UpdatedAt = PausedAt.Value;
    }

    public void ExplainPause(string reason, TimeProvider clock)
    {
        if (!SendingPaused)
        {
            throw new DomainException("Sending is not stopped any more.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why sending was stopped.");
        }
        PausedReason = reason.Trim();
        UpdatedAt = clock.GetUtcNow();
    }

    public void Resume(TimeProvider clock)
    {
        SendingPaused = false;
        PausedReason = null;
        PausedBy = null;
        PausedAt = null;
        UpdatedAt = clock.GetUtcNow();
    }

    public void ChangeQuietHours(TimeOnly start, TimeOnly end, TimeProvider clock)
    {
        if (start < new TimeOnly(8, 0) || end > new TimeOnly(21, 0) || start >= end)
        {
            throw new DomainException("Sending hours must lie within 08:00-21:00 in the recipient's time zone, and start before they end.");
        }
        QuietHoursStart = start;
        QuietHoursEnd = end;
        UpdatedAt = clock.GetUtcNow();
    }

    public void ChangeAutoReply(bool autoReplyEnabled, int autoReplyThreshold, TimeProvider clock)
    {
        if (autoReplyThreshold is < 0 or > 100)
        {
            throw new DomainException("The auto-reply confidence threshold is between 0 and 100.");
        }
        AutoReplyEnabled = autoReplyEnabled;
        AutoReplyThreshold = autoReplyThreshold;
        UpdatedAt = clock.GetUtcNow();
    }

    public void ChangeConcurrency(int maxConcurrentSends, TimeProvider clock)
    {
        if (maxConcurrentSends is < 1 or > 500)
        {
            throw new DomainException("The concurrency cap is between 1 and 500 messages in flight.");
        }
        MaxConcurrentSends = maxConcurrentSends;
        UpdatedAt = clock.GetUtcNow();
    }

    public void ChangeClassificationProfile(string profileJson, TimeProvider clock)
    {
        ClassificationProfile = profileJson;
        UpdatedAt = clock.GetUtcNow();
    }

    public void ChangeHotLeadSla(int minutes, TimeProvider clock)
    {
        if (minutes is < 5 or > 7 * 24 * 60)
        {
            throw new DomainException("The hot-lead response target is between 5 minutes and 7 days.");
        }
        HotLeadSlaMinutes = minutes;
        UpdatedAt = clock.GetUtcNow();
    }
}
