namespace Outreach.Domain.Messaging;

/// <summary>
/// Orders the statuses a provider reports. Status callbacks arrive out of order and are retried, so a status is
/// applied only when it moves the message forward: a late "sent" never overwrites "delivered".
/// </summary>
public static class MessageStatuses
{
    /// <summary>True when a message in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanAdvance(MessageStatus from, MessageStatus to)
    {
        if (from == to || IsTerminal(from))
        {
            return false;
        }
        // Canceling is only possible while the message is still ours; once the provider has it, it is gone.
        if (to == MessageStatus.Canceled)
        {
            return from is MessageStatus.Queued or MessageStatus.Sending;
        }
        return Rank(to) > Rank(from);
    }

    public static bool IsTerminal(MessageStatus status) => status is
        MessageStatus.Delivered or MessageStatus.Undelivered or MessageStatus.Failed or MessageStatus.Canceled;

    /// <summary>The status to store after <paramref name="reported"/> arrives for a message in <paramref name="current"/>.</summary>
    public static MessageStatus Advance(MessageStatus current, MessageStatus reported) =>
        CanAdvance(current, reported) ? reported : current;

    private static int Rank(MessageStatus status) => status switch
    {
        MessageStatus.Queued => 0,
        MessageStatus.Sending => 1,
        MessageStatus.Sent => 2,
        MessageStatus.Delivered or MessageStatus.Undelivered or MessageStatus.Failed or MessageStatus.Canceled => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown message status."),
    };
}
