using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;

namespace Outreach.Domain.Reports;

/// <summary>
/// How the reports read the inbox's classifications. Derived from <see cref="ReplyKindExtensions.ToPriority"/>
/// so that a report and the inbox can never disagree about what a reply meant.
/// </summary>
public static class ReplyMeaning
{
    /// <summary>
    /// A positive reply is one the inbox files as Hot or Warm (interest, a call-back, an e-mail, a question,
    /// thanks), except the carrier keywords (HELP, START): those are protocol, not engagement.
    /// </summary>
    public static bool IsPositive(ReplyKind kind) =>
        kind.ToPriority() is LeadPriority.Hot or LeadPriority.Warm && kind is not (ReplyKind.HelpRequest or ReplyKind.OptIn);

    /// <summary>A reply that makes its prospect a hot lead: the inbox's <see cref="LeadPriority.Hot"/>.</summary>
    public static bool IsHot(ReplyKind kind) => kind.ToPriority() == LeadPriority.Hot;

    public static IReadOnlyList<ReplyKind> PositiveKinds { get; } = Enum.GetValues<ReplyKind>().Where(IsPositive).ToArray();

    public static IReadOnlyList<ReplyKind> HotKinds { get; } = Enum.GetValues<ReplyKind>().Where(IsHot).ToArray();

    /// <summary>
    /// Only a message a person wrote answers a prospect: auto-replies, campaign steps, follow-ups and system
    /// messages (HELP answers) do not stop the response clock.
    /// </summary>
    public const MessageSource HumanSource = MessageSource.Manual;

    /// <summary>Outbound messages that reached a provider (or were refused by it): what "sent" counts.</summary>
    public static IReadOnlyList<MessageStatus> SentStatuses { get; } =
        [MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Undelivered, MessageStatus.Failed];

    public static IReadOnlyList<MessageStatus> FailedStatuses { get; } = [MessageStatus.Undelivered, MessageStatus.Failed];
}
