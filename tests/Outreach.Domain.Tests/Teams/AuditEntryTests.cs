using Outreach.Domain.Auditing;

namespace Outreach.Domain.Tests.Teams;

public class AuditEntryTests
{
    [Fact]
    public void An_entry_keeps_who_what_and_when_with_empty_details_as_an_empty_object()
    {
        var at = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
        var actor = new AuditActor(Guid.NewGuid(), "Dana", "10.0.0.1");

        var entry = AuditEntry.Record(Guid.NewGuid(), actor, AuditActions.SignedIn, "Dana signed in", " ", at);

        Assert.Equal(actor.UserId, entry.ActorUserId);
        Assert.Equal("Dana", entry.ActorName);
        Assert.Equal("10.0.0.1", entry.IpAddress);
        Assert.Equal(AuditActions.SignedIn, entry.Action);
        Assert.Equal("{}", entry.Details);
        Assert.Equal(at, entry.OccurredAt);
    }

    [Fact]
    public void Over_long_values_are_cut_to_what_the_log_stores()
    {
        var name = new string('n', 1000);

        var entry = AuditEntry.Record(null, new AuditActor(null, name), AuditActions.SignInFailed, new string('s', 2000), "{}", DateTimeOffset.UnixEpoch);

        Assert.Equal(AuditEntry.MaxActorNameLength, entry.ActorName!.Length);
        Assert.Equal(AuditEntry.MaxSummaryLength, entry.Summary.Length);
        Assert.EndsWith("…", entry.Summary);
    }

    [Theory]
    [InlineData(AuditActions.TeamSendingPaused, "Sending")]
    [InlineData(AuditActions.SignedIn, "Account")]
    [InlineData("campaign.state_changed", "Campaign")]
    [InlineData("undotted", "Console")]
    public void An_action_reads_as_the_area_of_the_console_it_belongs_to(string action, string area) =>
        Assert.Equal(area, AuditActions.Area(action));
}
