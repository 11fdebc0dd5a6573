using Bunit;
using Outreach.Console.Features.Prospects;
using Outreach.Domain.Prospects;

namespace Outreach.Console.Tests.Components;

public class ImportStatusBadgeTests : ComponentTestContext
{
    [Theory]
    [InlineData(ImportStatus.Queued, "Waiting for mapping")]
    [InlineData(ImportStatus.Running, "Running")]
    [InlineData(ImportStatus.Completed, "Completed")]
    [InlineData(ImportStatus.Failed, "Failed")]
    [InlineData(ImportStatus.Cancelled, "Cancelled")]
    [InlineData(ImportStatus.Expired, "Expired, never started")]
    public void Each_status_reads_as_words_an_operator_uses(ImportStatus status, string words)
    {
        var cut = Render<ImportStatusBadge>(p => p.Add(c => c.Status, status));

        Assert.Equal(words, cut.Find("[data-testid=import-status]").TextContent.Trim());
    }

    [Fact]
    public void Every_status_has_its_own_words_and_none_is_a_code_name()
    {
        var words = Enum.GetValues<ImportStatus>()
            .Select(status => Render<ImportStatusBadge>(p => p.Add(c => c.Status, status)).Find("[data-testid=import-status]").TextContent.Trim())
            .ToList();

        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.DoesNotContain("Queued", words);
    }
}
