using Outreach.Domain.Messaging;

namespace Outreach.Domain.Tests.Messaging;

public class MessageStatusesTests
{
    private const MessageStatus Queued = MessageStatus.Queued;
    private const MessageStatus Sending = MessageStatus.Sending;
    private const MessageStatus Sent = MessageStatus.Sent;
    private const MessageStatus Delivered = MessageStatus.Delivered;
    private const MessageStatus Undelivered = MessageStatus.Undelivered;
    private const MessageStatus Failed = MessageStatus.Failed;
    private const MessageStatus Canceled = MessageStatus.Canceled;

    /// <summary>Every pair of statuses that may follow one another; every other pair may not.</summary>
    private static readonly HashSet<(MessageStatus From, MessageStatus To)> Forward =
    [
        (Queued, Sending), (Queued, Sent), (Queued, Delivered), (Queued, Undelivered), (Queued, Failed), (Queued, Canceled),
        (Sending, Sent), (Sending, Delivered), (Sending, Undelivered), (Sending, Failed), (Sending, Canceled),
        (Sent, Delivered), (Sent, Undelivered), (Sent, Failed),
    ];

    public static TheoryData<MessageStatus, MessageStatus> AllPairs
    {
        get
        {
            var pairs = new TheoryData<MessageStatus, MessageStatus>();
            foreach (var from in Enum.GetValues<MessageStatus>())
            {
                foreach (var to in Enum.GetValues<MessageStatus>())
                {
                    pairs.Add(from, to);
                }
            }
            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void A_status_only_ever_moves_forward(MessageStatus from, MessageStatus to) =>
        Assert.Equal(Forward.Contains((from, to)), MessageStatuses.CanAdvance(from, to));

    [Theory]
    [InlineData(Queued, false)]
    [InlineData(Sending, false)]
    [InlineData(Sent, false)]
    [InlineData(Delivered, true)]
    [InlineData(Undelivered, true)]
    [InlineData(Failed, true)]
    [InlineData(Canceled, true)]
    public void Delivered_undelivered_failed_and_canceled_are_final(MessageStatus status, bool terminal) =>
        Assert.Equal(terminal, MessageStatuses.IsTerminal(status));

    [Fact]
    public void Callbacks_arriving_out_of_order_end_on_the_furthest_status()
    {
        MessageStatus[] callbacks = [Sending, Delivered, Sent, Queued, Failed];

        var status = callbacks.Aggregate(Queued, MessageStatuses.Advance);

        Assert.Equal(Delivered, status);
    }

    [Fact]
    public void A_message_the_provider_already_has_cannot_be_canceled()
    {
        Assert.Equal(Sent, MessageStatuses.Advance(Sent, Canceled));
        Assert.Equal(Canceled, MessageStatuses.Advance(Sending, Canceled));
    }
}
