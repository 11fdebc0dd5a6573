using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using Outreach.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// Campaigns through the UI on two real console processes sharing one database: a campaign built in the
/// wizard (with its preview and estimate), started, watched counting up live on the control room, and
/// stopped with its kill switch; and a campaign that both nodes dispatch, every enrollment sent once.
/// Recipients are put in a zone where it is mid-day now, so sending hours never decide the outcome.
/// </summary>
[Collection(ClusterCollection.Name)]
public class CampaignTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task A_campaign_built_in_the_wizard_counts_up_live_and_stops_with_its_kill_switch()
    {
        var team = await DemoTeamAsync();
        await ProspectsAsync(team, "wizard-run", 40, exchange: 271);
        await NumbersAsync(team, 10, prefix: 371);
        // The control room is open on the other node before the campaign exists: everything after is live.
        var room = await OwnerPageAsync(cluster.NodeB);
        var page = await OwnerPageAsync(cluster.NodeA);

        await FillWizardAsync(page, "Spring sellers", "wizard-run", "Hi {{first_name|there}}, would you consider an offer for {{company|your business}}?", throttle: 12);
        await page.ClickAsync("[data-testid=wizard-preview]");
        await Expect(page.Locator("[data-testid=audience-size]")).ToHaveTextAsync("40");
        await Expect(page.Locator("[data-testid=preview-message]").First).ToContainTextAsync("would you consider an offer for Wizard-Run Co");
        await Expect(page.Locator("[data-testid=estimate-days]")).ToContainTextAsync("days");
        await Operator.ScreenshotAsync(page, "campaign-wizard");
        await page.ClickAsync("[data-testid=wizard-start]");
        await Expect(page.Locator("tr[data-campaign='Spring sellers'] [data-testid=campaign-state]")).ToHaveTextAsync("Running");

        // The tile appears and counts up to the throttle's first minute (12 of 40) without a reload.
        var tile = room.Locator("[data-testid=campaign-tile][data-campaign='Spring sellers']");
        await Expect(tile).ToBeVisibleAsync();
        await Expect(tile.Locator("[data-testid=tile-sent]")).ToHaveTextAsync("12", new() { Timeout = 30_000 });
        await Operator.ScreenshotAsync(room, "control-room-campaign");

        // The kill switch stops on the click; the reason is asked for afterwards. From then on nothing of the
        // campaign is handed to a provider, and Resume sits where the switch was.
        await Operator.OpenDialogAsync(tile.Locator("[data-testid=campaign-stop]"));
        await Expect(room.Locator("[data-testid=kill-ack]")).ToContainTextAsync("already with the provider");
        await Expect(tile.Locator("[data-testid=tile-state]")).ToHaveTextAsync("Paused");
        await Expect(tile.Locator("[data-testid=tile-pause-reason]")).ToContainTextAsync("no reason given yet");
        await room.FillAsync(".rz-dialog [data-testid=reason-input]", "Wrong offer in the template");
        await room.ClickAsync(".rz-dialog [data-testid=reason-confirm]");
        await Expect(tile.Locator("[data-testid=tile-pause-reason]")).ToContainTextAsync("Wrong offer in the template");
        await Expect(tile.Locator("[data-testid=campaign-resume]")).ToBeVisibleAsync();
        await Operator.ScreenshotAsync(room, "campaign-kill-switch");

        await Task.Delay(3000);
        await using var connection = await OpenAsync();
        var campaign = await ScalarAsync<Guid>(connection, "SELECT id FROM campaigns WHERE name = 'Spring sellers' AND team_id = @team", ("team", team));
        Assert.Equal(0L, await ScalarAsync<long>(connection,
            "SELECT count(*) FROM messages m JOIN campaigns c ON c.id = m.campaign_id WHERE c.id = @c AND m.handed_at > c.kill_switch_at", ("c", campaign)));
        Assert.True(await ScalarAsync<long>(connection, "SELECT count(*) FROM campaign_enrollments WHERE campaign_id = @c AND state IN ('Pending', 'Active')", ("c", campaign)) > 0,
            "the throttle should have left prospects for after the stop");
        Assert.True(await ScalarAsync<long>(connection, "SELECT count(*) FROM audit_entries WHERE action = 'sending.kill_switch_explained' AND summary LIKE '%Wrong offer in the template%'") == 1);
    }

    [Fact]
    public async Task A_team_stop_shows_on_every_page_and_every_tile_until_it_is_resumed_where_it_was_stopped()
    {
        var team = await DemoTeamAsync();
        await ProspectsAsync(team, "held-run", 10, exchange: 273);
        await NumbersAsync(team, 3, prefix: 373);
        var room = await OwnerPageAsync(cluster.NodeB);
        var page = await OwnerPageAsync(cluster.NodeA);
        await FillWizardAsync(page, "Held by the team", "held-run", "Hi {{first_name|there}}, a quick question", throttle: 1);
        await page.ClickAsync("[data-testid=wizard-start]");
        var row = page.Locator("tr[data-campaign='Held by the team']");
        await Expect(row.Locator("[data-testid=campaign-state]")).ToHaveTextAsync("Running");
        var tile = room.Locator("[data-testid=campaign-tile][data-campaign='Held by the team']");
        await Expect(tile.Locator("[data-testid=tile-state]")).ToHaveTextAsync("Running");

        // Stopped from the control room with one click; the reason is skipped.
        await Operator.OpenDialogAsync(room.Locator("[data-testid=team-stop]"));
        await room.ClickAsync("[data-testid=reason-cancel]");

        await Expect(tile.Locator("[data-testid=tile-state]")).ToHaveTextAsync("Held");
        await Expect(tile.Locator("[data-testid=tile-held-reason]")).ToContainTextAsync("All sending of the team is stopped");
        await Expect(room.Locator("[data-testid=running-campaigns]")).ToContainTextAsync("Campaigns held");
        await Expect(room.Locator("[data-testid=team-stop]")).ToHaveCountAsync(0);
        // The other node's page says so at once, without a reload.
        await Expect(page.Locator("[data-testid=stop-banner][data-kind=team]")).ToContainTextAsync("No reason given yet");
        await Expect(row.Locator("[data-testid=campaign-held]")).ToBeVisibleAsync();
        await Operator.ScreenshotAsync(room, "team-stopped");

        // Resume sits where Stop was.
        await room.Locator("[data-testid=kill-bar] [data-testid=team-resume]").ClickAsync();
        await room.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await Expect(tile.Locator("[data-testid=tile-state]")).ToHaveTextAsync("Running");
        await Expect(page.Locator("[data-testid=stop-banner]")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-testid=campaign-held]")).ToHaveCountAsync(0);

        await using var connection = await OpenAsync();
        await ScalarAsync<int>(connection, "WITH u AS (UPDATE campaigns SET state = 'Cancelled' WHERE name = 'Held by the team' RETURNING 1) SELECT count(*)::int FROM u");
    }

    [Fact]
    public async Task Two_console_processes_dispatch_one_campaign_and_every_enrollment_is_sent_exactly_once()
    {
        var team = await DemoTeamAsync();
        await ProspectsAsync(team, "two-process", 150, exchange: 272);
        await NumbersAsync(team, 40, prefix: 372);
        var page = await OwnerPageAsync(cluster.NodeB);
        await FillWizardAsync(page, "Two nodes", "two-process", "Hello {{first_name|there}} from two nodes", throttle: 100_000);
        await page.ClickAsync("[data-testid=wizard-start]");
        await Expect(page.Locator("tr[data-campaign='Two nodes'] [data-testid=campaign-state]")).ToHaveTextAsync(new Regex("Running|Completed"));

        await using var connection = await OpenAsync();
        var campaign = await ScalarAsync<Guid>(connection, "SELECT id FROM campaigns WHERE name = 'Two nodes' AND team_id = @team", ("team", team));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && await ScalarAsync<long>(connection,
                   "SELECT count(*) FROM messages WHERE campaign_id = @c AND status IN ('Sent', 'Delivered')", ("c", campaign)) < 150)
        {
            await Task.Delay(500);
        }

        var queued = await ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign));
        Assert.True(queued == 150, $"150 messages expected, {queued} queued; campaign: " + await ScalarAsync<string>(connection, """
            SELECT c.state || ', throttle ' || c.throttle_per_minute || ', daily cap ' || c.daily_cap || ', enrollments ' ||
                   (SELECT string_agg(e.state || coalesce(' (' || e.last_skip_reason || ')', '') || ' ' || n, ', ')
                      FROM (SELECT state, last_skip_reason, count(*) n FROM campaign_enrollments WHERE campaign_id = c.id GROUP BY 1, 2) e)
            FROM campaigns c WHERE c.id = @c
            """, ("c", campaign)));
        var sent = await ScalarAsync<long>(connection, "SELECT count(DISTINCT \"to\") FROM messages WHERE campaign_id = @c AND status IN ('Sent', 'Delivered')", ("c", campaign));
        Assert.True(sent == 150, $"150 sent expected, {sent} sent; messages: " + await ScalarAsync<string>(connection, """
            SELECT string_agg(status || ' ' || n || ' (next attempt in ' || coalesce(round(extract(epoch FROM next - now()))::text, '-') || ' s, on ' || numbers || ' numbers, errors: ' || coalesce(errors, '-') || ')', '; ')
            FROM (SELECT status, count(*) n, max(next_attempt_at) next, count(DISTINCT "from") numbers, string_agg(DISTINCT error_code, ',') errors
                  FROM messages WHERE campaign_id = @c GROUP BY status) m
            """, ("c", campaign)));
        Assert.Equal(150L, await ScalarAsync<long>(connection, "SELECT count(DISTINCT provider_message_id) FROM messages WHERE campaign_id = @c", ("c", campaign)));
        Assert.Equal(150L, await ScalarAsync<long>(connection, "SELECT count(*) FROM campaign_enrollments WHERE campaign_id = @c AND state = 'Completed'", ("c", campaign)));
        // Both processes handed messages to the provider.
        Assert.Equal(2L, await ScalarAsync<long>(connection, "SELECT count(DISTINCT claimed_by) FROM messages WHERE campaign_id = @c", ("c", campaign)));
    }

    private Task<NpgsqlConnection> OpenAsync() => Sql.OpenAsync(cluster);

    private async Task<IPage> OwnerPageAsync(ConsoleNode node)
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, node.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        return page;
    }

    /// <summary>A new campaign in the wizard for a tagged audience, every day of the week, not yet previewed or started.</summary>
    private static async Task FillWizardAsync(IPage page, string name, string tag, string firstMessage, int throttle)
    {
        await Operator.NavigateAsync(page, "Campaigns", "Campaigns");
        await page.ClickAsync("[data-testid=new-campaign]");
        await page.FillAsync("[data-testid=wizard-name]", name);
        await page.FillAsync("[data-testid=wizard-tag]", tag);
        await page.FillAsync("[data-testid=wizard-first] , textarea[data-testid=wizard-first]", firstMessage);
        await page.FillAsync("input[data-testid=wizard-throttle] , [data-testid=wizard-throttle] input", throttle.ToString(CultureInfo.InvariantCulture));
        await page.Locator("label", new() { HasTextString = "Also on weekends" }).Locator(".rz-chkbox-box").ClickAsync();
    }

    private async Task<Guid> DemoTeamAsync()
    {
        await using var connection = await OpenAsync();
        return await ScalarAsync<Guid>(connection, "SELECT id FROM teams WHERE name = 'Demo Brokerage'");
    }

    /// <summary>Prospects tagged <paramref name="tag"/> in a zone where it is about 13:00 now (no state: any number of the pool fits).</summary>
    private async Task ProspectsAsync(Guid team, string tag, int count, int exchange)
    {
        var zone = TestZones.Midday();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO prospects (id, team_id, first_name, company, phone, time_zone, email_verified, is_owner_or_executive, custom_fields, status,
                                   engagement_score, do_not_contact, created_at, updated_at, tags)
            SELECT gen_random_uuid(), @team, 'Pat' || i, initcap(@tag) || ' Co', '+1512' || @exchange || lpad(i::text, 4, '0'), @zone, false, false, '{}', 'New',
                   0, false, now(), now(), ARRAY[@tag]
            FROM generate_series(1, @count) AS i
            """, connection);
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("tag", tag);
        command.Parameters.AddWithValue("exchange", exchange.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("zone", zone);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>More simulator numbers: each paces one message a second, so a pool spreads a campaign.</summary>
    private async Task NumbersAsync(Guid team, int count, int prefix)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO sending_numbers (id, team_id, number, provider, label, area_code, state, is_active, next_slot_at, created_at)
            SELECT gen_random_uuid(), @team, '+1737' || @prefix || lpad(i::text, 4, '0'), 'simulator', 'Pool ' || i, '737', NULL, true, now(), now()
            FROM generate_series(1, @count) AS i
            ON CONFLICT (number) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("prefix", prefix.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync();
    }

    private static Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Sql.ScalarAsync<T>(connection, sql, parameters);
}
