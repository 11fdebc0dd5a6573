using Outreach.Domain.Common;

namespace Outreach.Domain.Messaging;

/// <summary>
/// A team's sending rules and switches: the team kill switch, its quiet hours (never wider than the legal
/// 08:00-21:00 in the recipient's zone), the reply to HELP, auto-reply, the concurrency cap, and its
/// classification profile (JSON, edited in Settings).
/// </summary>
public sealed class MessagingSettings : ITeamOwned
{
    public const int DefaultAutoReplyThreshold = 70;
    public const int DefaultMaxConcurrentSends = 10;
    public const int MaxHelpTextLength = 320;

    private MessagingSettings()
    {
        HelpText = string.Empty;
        ClassificationProfile = "{}";
    }

    public Guid TeamId { get; private set; }
    public bool SendingPaused { get; private set; }
    public string? PausedReason { get; private set; }
    public string? PausedBy { get; private set; }
    public DateTimeOffset? PausedAt { get; private set; }
    public TimeOnly QuietHoursStart { get; private set; }
    public TimeOnly QuietHoursEnd { get; private set; }
    public string HelpText { get; private set; }
    public bool AutoReplyEnabled { get; private set; }
    public int AutoReplyThreshold { get; private set; }
    public int MaxConcurrentSends { get; private set; }
    public string ClassificationProfile { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static MessagingSettings CreateDefault(Guid teamId, string teamName, TimeProvider clock) => new()
    {
        TeamId = teamId,
        QuietHoursStart = new TimeOnly(9, 0),
        QuietHoursEnd = new TimeOnly(20, 0),
        HelpText = $"{teamName}: reply STOP to opt out. Msg & data rates may apply.",
        AutoReplyThreshold = DefaultAutoReplyThreshold,
        MaxConcurrentSends = DefaultMaxConcurrentSends,
        UpdatedAt = clock.GetUtcNow(),
    };

    public void Pause(string reason, string by, TimeProvider clock)
    {
        SendingPaused = true;
        PausedReason = string.IsNullOrWhiteSpace(reason) ? "No reason given" : reason.Trim();
        PausedBy = by;
        PausedAt = clock.GetUtcNow();
        UpdatedAt = PausedAt.Value;
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

    public void ChangeReplies(string helpText, bool autoReplyEnabled, int autoReplyThreshold, TimeProvider clock)
    {
        var text = (helpText ?? string.Empty).Trim();
        if (text.Length == 0 || text.Length > MaxHelpTextLength)
        {
            throw new DomainException($"The HELP reply needs 1 to {MaxHelpTextLength} characters.");
        }
        if (autoReplyThreshold is < 0 or > 100)
        {
            throw new DomainException("The auto-reply confidence threshold is between 0 and 100.");
        }
        HelpText = text;
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
}
