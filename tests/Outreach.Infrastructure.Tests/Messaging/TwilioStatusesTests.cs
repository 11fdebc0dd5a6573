using Outreach.Domain.Messaging;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Infrastructure.Tests.Messaging;

public class TwilioStatusesTests
{
    [Theory]
    [InlineData("queued", MessageStatus.Queued)]
    [InlineData("accepted", MessageStatus.Queued)]
    [InlineData("scheduled", MessageStatus.Queued)]
    [InlineData("sending", MessageStatus.Sending)]
    [InlineData("sent", MessageStatus.Sent)]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("read", MessageStatus.Delivered)]
    [InlineData("undelivered", MessageStatus.Undelivered)]
    [InlineData("failed", MessageStatus.Failed)]
    [InlineData("canceled", MessageStatus.Canceled)]
    [InlineData("Delivered", MessageStatus.Delivered)]
    public void Outbound_statuses_map_to_ours(string twilioStatus, MessageStatus expected)
    {
        Assert.Equal(expected, TwilioStatuses.Map(twilioStatus));
    }

    [Theory]
    [InlineData("receiving")]
    [InlineData("received")]
    [InlineData("partially_delivered")]
    [InlineData("")]
    public void Inbound_and_unknown_statuses_map_to_nothing(string twilioStatus)
    {
        Assert.Null(TwilioStatuses.Map(twilioStatus));
    }

    [Theory]
    [InlineData(21211, ProviderFailureKind.Permanent)]
    [InlineData(21610, ProviderFailureKind.Permanent)]
    [InlineData(21614, ProviderFailureKind.Permanent)]
    [InlineData(21408, ProviderFailureKind.Permanent)]
    [InlineData(30006, ProviderFailureKind.Permanent)]
    [InlineData(30007, ProviderFailureKind.Permanent)]
    [InlineData(20429, ProviderFailureKind.Transient)]
    [InlineData(30001, ProviderFailureKind.Transient)]
    public void Error_codes_say_whether_to_try_again(int code, ProviderFailureKind expected)
    {
        Assert.Equal(expected, TwilioErrorCodes.Classify(code));
    }

    [Fact]
    public void An_unknown_error_code_leaves_the_decision_to_the_http_status()
    {
        Assert.Null(TwilioErrorCodes.Classify(99999));
    }
}
