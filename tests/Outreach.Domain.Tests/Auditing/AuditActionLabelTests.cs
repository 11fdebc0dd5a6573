using System.Reflection;
using Outreach.Domain.Auditing;

namespace Outreach.Domain.Tests.Auditing;

public class AuditActionLabelTests
{
    private static IEnumerable<string> Actions() =>
        typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> EveryAction() => new(Actions());

    [Theory]
    [MemberData(nameof(EveryAction))]
    public void Every_audit_action_has_a_label_of_its_own_in_words(string action)
    {
        Assert.True(AuditActions.HasLabel(action), $"{action} has no label: add one to AuditActions.Labels.");
        var label = AuditActions.Label(action);
        Assert.DoesNotContain(".", label);
        Assert.DoesNotContain("_", label);
        Assert.True(char.IsUpper(label[0]), label);
    }

    [Fact]
    public void No_two_actions_read_the_same()
    {
        var labels = Actions().Select(AuditActions.Label).ToList();
        Assert.Equal(labels.Count, labels.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData(AuditActions.SignedIn, "Signed in")]
    [InlineData(AuditActions.TeamSendingPaused, "Stopped all sending")]
    [InlineData("campaign.state_changed", "Changed a campaign's state")]
    public void An_action_reads_as_the_words_the_pages_use(string action, string label) =>
        Assert.Equal(label, AuditActions.Label(action));

    [Fact]
    public void An_action_without_a_label_reads_as_its_code_in_words_rather_than_blank() =>
        Assert.Equal("Something new happened", AuditActions.Label("team.something_new_happened"));

    [Fact]
    public void A_search_in_words_finds_the_codes_it_names()
    {
        Assert.Contains(AuditActions.SignedIn, AuditActions.CodesLabelled("signed IN"));
        Assert.Contains(AuditActions.TeamSendingPaused, AuditActions.CodesLabelled("stopped all"));
        Assert.Empty(AuditActions.CodesLabelled("  "));
    }

    [Fact]
    public void Every_area_in_the_menu_has_prefixes_and_every_prefix_reads_back_as_its_area()
    {
        Assert.DoesNotContain(AuditActions.OtherArea, AuditActions.Areas);
        foreach (var area in AuditActions.Areas)
        {
            var prefixes = AuditActions.PrefixesOf(area);
            Assert.NotEmpty(prefixes);
            Assert.All(prefixes, prefix => Assert.Equal(area, AuditActions.Area(prefix + ".anything")));
        }
        Assert.Equal(["team", "member"], AuditActions.PrefixesOf("Team"));
    }
}
