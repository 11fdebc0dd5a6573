using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Suppression;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Suppression;

/// <summary>The suppression list page pages, sorts and filters in the database.</summary>
public class SuppressionListPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly AuditActor Dana = new(Guid.NewGuid(), "Dana");

    [Fact]
    public async Task Channel_reason_and_text_filter_and_the_total_counts_what_matches()
    {
        await using var scope = await TeamWithEntriesAsync();
        var list = scope.ServiceProvider.GetRequiredService<SuppressionList>();

        var phones = await list.GetPageAsync(new SuppressionSearch { Channel = SuppressionChannel.Sms }, default);
        var bounces = await list.GetPageAsync(new SuppressionSearch { Reason = SuppressionReason.Bounce }, default);
        var bySource = await list.GetPageAsync(new SuppressionSearch { Text = "CRM" }, default);
        var underscore = await list.GetPageAsync(new SuppressionSearch { Text = "clean_up" }, default);

        Assert.Equal(2, phones.Total);
        Assert.All(phones.Rows, r => Assert.Equal(SuppressionChannel.Sms, r.Channel));
        Assert.Equal(["bounced@example.test"], bounces.Rows.Select(r => r.Value));
        Assert.Equal(["+15122410101"], bySource.Rows.Select(r => r.Value));
        Assert.Equal(0, underscore.Total); // an underscore is searched for as itself, not as any character
    }

    [Fact]
    public async Task Pages_follow_the_order_asked_for_from_a_fixed_list()
    {
        await using var scope = await TeamWithEntriesAsync();
        var list = scope.ServiceProvider.GetRequiredService<SuppressionList>();

        var byValue = await list.GetPageAsync(new SuppressionSearch { OrderBy = SuppressionOrder.Value, Descending = false, Take = 2 }, default);
        var next = await list.GetPageAsync(new SuppressionSearch { OrderBy = SuppressionOrder.Value, Descending = false, Skip = 2, Take = 2 }, default);
        var newest = await list.GetPageAsync(new SuppressionSearch { Take = 1 }, default);

        Assert.Equal(4, byValue.Total);
        Assert.Equal(["+15122410101", "+15122410102"], byValue.Rows.Select(r => r.Value));
        Assert.Equal(["bounced@example.test", "complained@example.test"], next.Rows.Select(r => r.Value));
        Assert.Equal("complained@example.test", Assert.Single(newest.Rows).Value);
    }

    [Fact]
    public async Task The_audit_log_names_the_reason_in_words()
    {
        await using var scope = await TeamWithEntriesAsync();
        var team = scope.ServiceProvider.GetRequiredService<TenantScope>().RequireTeamId();

        await using var db = fixture.TeamContext(team);
        var page = await AuditLogQuery.PageAsync(db, new AuditSearch { Area = "Do-not-contact", Text = "bounced@" }, default);

        Assert.Equal("Added bounced@example.test to the suppression list (Bounced)", Assert.Single(page.Rows).Summary);
    }

    private async Task<AsyncServiceScope> TeamWithEntriesAsync()
    {
        var team = Team.Create("Suppression " + Guid.NewGuid().ToString()[..8], "UTC", TimeProvider.System);
        await using (var db = fixture.SystemContext())
        {
            db.Teams.Add(team);
            await db.SaveChangesAsync();
        }
        var scope = fixture.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team.Id, null);
        var list = scope.ServiceProvider.GetRequiredService<SuppressionList>();
        await list.AddAsync(SuppressionChannel.Sms, "(512) 241-0102", SuppressionReason.OptOutKeyword, "inbound reply", null, Dana, default);
        await list.AddAsync(SuppressionChannel.Sms, "512-241-0101", SuppressionReason.Manual, "CRM clean-up", null, Dana, default);
        await list.AddAsync(SuppressionChannel.Email, "Bounced@Example.test", SuppressionReason.Bounce, "mail server", null, Dana, default);
        await list.AddAsync(SuppressionChannel.Email, "complained@example.test", SuppressionReason.Complaint, "mail server", null, Dana, default);
        return scope;
    }
}
