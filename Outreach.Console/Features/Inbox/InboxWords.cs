using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;

namespace Outreach.Console.Features.Inbox;

/// <summary>
/// The inbox in the operator's words: buckets, statuses, priorities and history entries as people say them,
/// never as the enum or column names the code stores ("HotResponses", "DoNotContact").
/// </summary>
public static class InboxWords
{
    public static string Status(ConversationStatus status) => status switch
    {
        ConversationStatus.Open => "Open",
        ConversationStatus.Snoozed => "Snoozed",
        ConversationStatus.Done => "Done",
        _ => status.ToString(),
    };

    public static string Priority(LeadPriority priority) => priority switch
    {
        LeadPriority.Hot => "Hot",
        LeadPriority.Warm => "Warm",
        LeadPriority.Cold => "Cold",
        _ => priority.ToString(),
    };

    public static string Bucket(InboxBucket bucket) => bucket.Title();

    public static string Classification(ReplyKind kind) => kind.Label();

    public static string RevenueTier(RevenueTier tier) => tier switch
    {
        Domain.Prospects.RevenueTier.Startup => "Start-up",
        Domain.Prospects.RevenueTier.MainStreet => "Main street",
        Domain.Prospects.RevenueTier.Growth => "Growth",
        Domain.Prospects.RevenueTier.Established => "Established",
        Domain.Prospects.RevenueTier.Enterprise => "Enterprise",
        _ => tier.ToString(),
    };

    /// <summary>
    /// A history entry in words. The entry stores buckets and statuses by their code names (the classifier and the
    /// database agree on those); they are put into words here, and times are shown by <paramref name="time"/>.
    /// </summary>
    public static string Describe(ConversationEvent entry, Func<DateTimeOffset, string> time) => entry.Kind switch
    {
        ConversationEventKind.Classified =>
            $"Filed under {BucketWords(entry.ToValue)} by the classifier" + (entry.FromValue is null ? "" : $" (was {BucketWords(entry.FromValue)})"),
        ConversationEventKind.Moved => $"Moved from {BucketWords(entry.FromValue)} to {BucketWords(entry.ToValue)}",
        ConversationEventKind.Reopened when entry.FromValue is not null => $"Reopened (was {StatusWords(entry.FromValue)})",
        _ => entry.Describe(time),
    };

    private static string BucketWords(string? stored) =>
        Enum.TryParse<InboxBucket>(stored, out var bucket) ? Bucket(bucket) : stored ?? "";

    private static string StatusWords(string stored) =>
        Enum.TryParse<ConversationStatus>(stored, out var status) ? Status(status) : stored;
}
