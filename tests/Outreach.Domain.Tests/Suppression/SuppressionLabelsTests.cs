using Outreach.Domain.Suppression;

namespace Outreach.Domain.Tests.Suppression;

public class SuppressionLabelsTests
{
    [Fact]
    public void Every_channel_and_reason_reads_in_words_not_as_its_code()
    {
        foreach (var channel in Enum.GetValues<SuppressionChannel>())
        {
            Assert.NotEqual(channel.ToString(), channel.Label());
        }
        foreach (var reason in Enum.GetValues<SuppressionReason>())
        {
            Assert.NotEqual(reason.ToString(), reason.Label());
        }
    }
}
