using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Campaigns;

/// <summary>
/// The wizard's live audience count against real PostgreSQL: it counts whom enrolment would enroll (a phone, not
/// do-not-contact, not on the SMS suppression list, not deleted), for tags and for import batches, and never a
/// prospect of another team, whatever tag or import id it carries.
/// </summary>
public sealed class CampaignAudienceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_tag_audience_counts_whom_enrolment_would_enroll_and_says_who_is_left_out()
    {
        var (team, _) = await TwoTeamsAsync("tags");

        var count = await CountAsync(team, new CampaignAudience(AudienceKind.Tags, Tags: ["spring"]));

        // 3 reachable; 1 marked do-not-contact and 1 whose number is suppressed; 1 without a phone; the deleted one not at all.
        Assert.Equal((6, 3, 2, 1), (count.Matching, count.Reachable, count.DoNotContact, count.NoPhone));
        Assert.Equal(3, count.Samples.Count);
        Assert.All(count.Samples, s => Assert.StartsWith("Reach", s.FirstName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_tags_count_the_prospects_with_every_one_of_them()
    {
        var (team, _) = await TwoTeamsAsync("every-tag");

        var count = await CountAsync(team, new CampaignAudience(AudienceKind.Tags, Tags: ["spring", "tx"]));

        Assert.Equal((1, 1), (count.Matching, count.Reachable));
    }

    [Fact]
    public async Task An_import_audience_counts_the_prospects_that_import_brought_in_and_none_of_another_team()
    {
        var (team, import) = await TwoTeamsAsync("import");

        var count = await CountAsync(team, new CampaignAudience(AudienceKind.ImportBatch, ImportId: import));

        Assert.Equal((2, 1, 0, 1), (count.Matching, count.Reachable, count.DoNotContact, count.NoPhone));
    }

    [Fact]
    public async Task Another_teams_prospects_are_never_counted_nor_their_tags_or_imports_offered()
    {
        var (team, import) = await TwoTeamsAsync("isolation");
        await using var scope = Scope(team);
        var audiences = scope.ServiceProvider.GetRequiredService<CampaignAudiences>();

        var tags = await audiences.TagsAsync(default);
        var imports = await audiences.ImportsAsync(default);
        var rivalOnly = await audiences.CountAsync(new CampaignAudience(AudienceKind.Tags, Tags: ["rival-only"]), 3, default);

        Assert.Equal([("spring", 6L), ("import", 2L), ("other", 1L), ("tx", 1L)], tags.Select(t => (t.Tag, t.Prospects)));
        var batch = Assert.Single(imports);
        Assert.Equal((import, 2, 2), (batch.Id, batch.Inserted, batch.Remaining));
        Assert.Equal(AudienceCount.Empty, rivalOnly);
    }

    [Fact]
    public async Task Enrolment_enrolls_exactly_the_counted_people_and_leaves_out_the_same_do_not_contact()
    {
        var (team, _) = await TwoTeamsAsync("enrol");
        var audience = new CampaignAudience(AudienceKind.Tags, Tags: ["spring"]);
        var count = await CountAsync(team, audience);

        await using var scope = Scope(team);
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var actor = new AuditActor(null, "tester");
        var campaign = await campaigns.CreateAsync(CampaignPlan.Default("Enrolment agrees") with { Audience = audience }, actor, default);
        campaign = await campaigns.TransitionAsync(campaign.Id, CampaignState.Running, null, actor, default);
        await campaigns.TransitionAsync(campaign.Id, CampaignState.Cancelled, "test over", actor, default);

        Assert.Equal((count.Reachable, count.DoNotContact), (campaign.Enrolled, campaign.ExcludedDoNotContact));
    }

    [Fact]
    public async Task An_empty_audience_counts_nobody_rather_than_everyone()
    {
        var (team, _) = await TwoTeamsAsync("empty");

        Assert.Equal(AudienceCount.Empty, await CountAsync(team, new CampaignAudience(AudienceKind.Tags, Tags: [])));
        Assert.Equal(AudienceCount.Empty, await CountAsync(team, new CampaignAudience(AudienceKind.ImportBatch)));
    }

    private async Task<AudienceCount> CountAsync(Guid team, CampaignAudience audience)
    {
        await using var scope = Scope(team);
        return await scope.ServiceProvider.GetRequiredService<CampaignAudiences>().CountAsync(audience, 3, default);
    }

    private AsyncServiceScope Scope(Guid team)
    {
        var scope = fixture.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        return scope;
    }

    /// <summary>
    /// Our team with a mix of prospects and one import; a rival team whose prospects carry the same tag and even our
    /// import's id. Returns our team and our import.
    /// </summary>
    private async Task<(Guid Team, Guid Import)> TwoTeamsAsync(string name)
    {
        var ours = Team.Create("Audience " + name, "America/Chicago", TimeProvider.System);
        var rival = Team.Create("Rival " + name, "America/Chicago", TimeProvider.System);
        await using (var db = fixture.SystemContext())
        {
            db.AddRange(ours, rival);
            db.Add(SuppressionEntry.Create(ours.Id, SuppressionChannel.Sms, Phone(ours, 5), SuppressionReason.Manual, "test", null, null, TimeProvider.System));
            await db.SaveChangesAsync();
        }
        var import = Guid.NewGuid();
        var rivalImport = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await ImportAsync(connection, ours.Id, import, "ours.csv");
        await ImportAsync(connection, rival.Id, rivalImport, "theirs.csv");
        (string First, string? Phone, string[] Tags, bool DoNotContact, bool Deleted, Guid? Import)[] prospects =
        [
            ("Reach 1", Phone(ours, 1), ["spring", "tx"], false, false, null),
            ("Reach 2", Phone(ours, 2), ["spring"], false, false, null),
            ("Reach 3", Phone(ours, 3), ["spring"], false, false, null),
            ("Marked", Phone(ours, 4), ["spring"], true, false, null),
            ("Suppressed", Phone(ours, 5), ["spring"], false, false, null),
            ("No phone", null, ["spring"], false, false, null),
            ("Deleted", Phone(ours, 6), ["spring"], false, true, null),
            ("Other", Phone(ours, 7), ["other"], false, false, null),
            ("Imported", Phone(ours, 8), ["import"], false, false, import),
            ("Imported, no phone", null, ["import"], false, false, import),
        ];
        foreach (var p in prospects)
        {
            await ProspectAsync(connection, ours.Id, p.First, p.Phone, p.Tags, p.DoNotContact, p.Deleted, p.Import);
        }
        for (var i = 0; i < 5; i++)
        {
            await ProspectAsync(connection, rival.Id, "Rival " + i, Phone(rival, i), ["spring", "tx", "rival-only"], false, false, i < 3 ? import : rivalImport);
        }
        return (ours.Id, import);
    }

    /// <summary>Numbers are unique within a team only, so every team may use the same ones.</summary>
    private static string Phone(Team team, int i) => string.Create(CultureInfo.InvariantCulture, $"+1512234{i:0000}");

    private static async Task ImportAsync(NpgsqlConnection connection, Guid team, Guid id, string file)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO prospect_imports (id, team_id, file_name, file_size, encoding, delimiter, headers, mapping, policy, status, created_by,
                                          created_by_name, created_at, started_at, finished_at, cancel_requested, total_rows, processed_rows,
                                          progress_percent, inserted, updated, duplicates, invalid, suppressed)
            VALUES (@id, @team, @file, 100, 'utf-8', ',', '[]', '[]', 'Skip', 'Completed', gen_random_uuid(), 'tester', now(), now(), now(), false,
                    2, 2, 100, 2, 0, 0, 0, 0)
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("file", file);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ProspectAsync(NpgsqlConnection connection, Guid team, string first, string? phone, string[] tags, bool doNotContact,
        bool deleted, Guid? import)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO prospects (id, team_id, first_name, phone, email_verified, is_owner_or_executive, custom_fields, status, engagement_score,
                                   do_not_contact, tags, import_id, created_at, updated_at, deleted_at)
            VALUES (gen_random_uuid(), @team, @first, @phone, false, false, '{}', 'New', 0, @dnc, @tags, @import, now(), now(),
                    CASE WHEN @deleted THEN now() END)
            """, connection);
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("phone", (object?)phone ?? DBNull.Value);
        command.Parameters.AddWithValue("dnc", doNotContact);
        command.Parameters.AddWithValue("tags", tags);
        command.Parameters.AddWithValue("import", import is { } id ? id : DBNull.Value);
        command.Parameters.AddWithValue("deleted", deleted);
        await command.ExecuteNonQueryAsync();
    }
}
