using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using Outreach.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// Campaigns through the UI on two real console processes sharing one database: a campaign built in the
/// four-step wizard (live audience count, preview and estimate), started, watched counting up live on the
/// control room, and stopped with its kill switch; a campaign scheduled on the team's clock; the team stop
/// from a phone; and a campaign that both nodes dispatch, every enrollment sent once.
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

        await Operator.NavigateAsync(page, "Campaigns", "Campaigns");
        await Expect(page.Locator("[data-testid=campaign-list]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=loading]")).ToHaveCountAsync(0);
        await Operator.AssertAccessibleAsync(page);
        await WizardToReviewAsync(page, "Spring sellers", "wizard-run", 40, "Hi {{first_name|there}}, would you consider an offer for {{company|your business}}?",
            throttle: 12);
        await Expect(page.Locator("[data-testid=audience-size]")).ToHaveTextAsync("40");
        await Expect(page.Locator("[data-testid=preview-message]").First).ToContainTextAsync("would you consider an offer for Wizard-Run Co");
        await Expect(page.Locator("[data-testid=estimate-days]")).ToContainTextAsync("day");
        await Operator.ScreenshotAsync(page, "campaign-wizard");
        await page.ClickAsync("[data-testid=wizard-start]");
        await Expect(Row(page, "Spring sellers").Locator("[data-testid=campaign-state]")).ToHaveTextAsync("Running");
        await Operator.ScreenshotAsync(page, "campaigns");

        // The tile appears and counts up to the throttle's first minute (12 of 40) without a reload.
        var tile = room.Locator("[data-testid=campaign-tile][data-campaign='Spring sellers']");
        await Expect(tile).ToBeVisibleAsync();
        await Expect(tile.Locator("[data-testid=tile-sent]")).ToHaveTextAsync("12", new() { Timeout = 30_000 });
        await Operator.AssertAccessibleAsync(room);
        await Operator.ScreenshotAsync(room, "control-room-campaign");

        // The kill switch stops on the click; the reason is asked for afterwards. From then on nothing of the
        // campaign is handed to a provider, and Resume sits where the switch was.
        await Operator.OpenDialogAsync(tile.Locator("[data-testid=campaign-stop]"));
        await Expect(room.Locator("[data-testid=kill-ack]")).ToContainTextAsync("already with the provider");
        await Expect(tile.Locator("[data-testid=tile-state]")).ToHaveTextAsync("Paused");
        await Expect(tile.Locator("[data-testid=tile-pause-reason]")).ToContainTextAsync("no reason given yet");
        await Operator.AssertAccessibleAsync(room);
        await room.FillAsync("[role=dialog] [data-testid=reason-input]", "Wrong offer in the template");
        await room.ClickAsync("[role=dialog] [data-testid=reason-confirm]");
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
    public async Task The_wizard_steps_through_a_counted_audience_and_schedules_on_the_team_clock()
    {
        var team = await DemoTeamAsync();
        await ProspectsAsync(team, "scheduled-run", 7, exchange: 274);
        await ProspectsAsync(team, "nobody-home", 4, exchange: 275, doNotContact: true);
        await using var connection = await OpenAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await ScalarAsync<string>(connection, "SELECT time_zone FROM teams WHERE id = @team", ("team", team)));
        var page = await OwnerPageAsync(cluster.NodeA);
        await Operator.NavigateAsync(page, "Campaigns", "Campaigns");
        await page.ClickAsync("[data-testid=new-campaign]");
        await page.FillAsync("[data-testid=wizard-name]", "On the team clock");

        // A tag whose people are all do-not-contact: counted live as 0, with a warning, and the wizard does not go on.
        await TagOption(page, "nobody-home").CheckAsync();
        await Expect(page.Locator("[data-testid=audience-empty]")).ToContainTextAsync("Nobody in this audience can be reached");
        await Expect(page.Locator("[data-testid=audience-count]")).ToHaveTextAsync("0");
        await page.ClickAsync("[data-testid=wizard-next]");
        await Expect(page.Locator("[data-testid=step-audience]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=wizard-first]")).ToHaveCountAsync(0);
        await Operator.ScreenshotAsync(page, "campaign-wizard-empty");

        await TagOption(page, "nobody-home").UncheckAsync();
        await TagOption(page, "scheduled-run").CheckAsync();
        await Expect(page.Locator("[data-testid=audience-count]")).ToHaveTextAsync("7");
        await Expect(page.Locator("[data-testid=audience-breakdown]")).ToContainTextAsync("7 in the audience");
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "campaign-wizard-audience");
        await page.ClickAsync("[data-testid=wizard-next]");

        await page.FillAsync("[data-testid=wizard-first]", "Hello {{first_name|there}}, a question for {{company}}");
        await Expect(page.Locator("[data-testid=first-segments]")).ToContainTextAsync("1 segment");
        await page.ClickAsync("[data-testid=add-follow-up]");
        await page.FillAsync("[data-testid=follow-up-delay]", "72");
        await page.FillAsync("[data-testid=wizard-follow-up]", "Following up, {{first_name|there}}");
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "campaign-wizard-messages");
        await page.ClickAsync("[data-testid=wizard-next]");

        // Start tomorrow at 10:00 on the team's clock, typed as the team reads it; the form shows the UTC it means.
        await Expect(page.Locator("[data-testid=wizard-zone]")).ToContainTextAsync(zone.Id);
        await page.Locator("[data-testid=start-at-time]").CheckAsync();
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(1);
        var startUtc = new DateTimeOffset(tomorrow.AddHours(10), zone.GetUtcOffset(tomorrow.AddHours(10))).ToUniversalTime();
        await page.FillAsync("[data-testid=wizard-start-date]", tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("[data-testid=wizard-start-date]").PressAsync("Tab");
        await page.FillAsync("[data-testid=wizard-start-time]", "10:00");
        await page.Locator("[data-testid=wizard-start-time]").PressAsync("Tab");
        await Expect(page.Locator("[data-testid=start-utc]")).ToContainTextAsync(startUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        // Out of range: refused beside the field, not clamped.
        await page.FillAsync("[data-testid=wizard-throttle]", "500000");
        await page.ClickAsync("[data-testid=wizard-next]");
        await Expect(page.Locator("[data-testid=step-schedule]")).ToContainTextAsync("500,000 is out of range");
        await page.FillAsync("[data-testid=wizard-throttle]", "30");
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "campaign-wizard-schedule");
        await page.ClickAsync("[data-testid=wizard-next]");

        await Expect(page.Locator("[data-testid=audience-size]")).ToHaveTextAsync("7");
        await Expect(page.Locator("[data-testid=review-start]")).ToContainTextAsync(zone.Id);
        await Expect(page.Locator("[data-testid=review-messages]")).ToContainTextAsync("1 follow-up 3 days later");
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "campaign-wizard-review");
        await page.ClickAsync("[data-testid=wizard-schedule]");

        await Expect(Row(page, "On the team clock").Locator("[data-testid=campaign-state]")).ToHaveTextAsync("Scheduled");
        Assert.Equal(startUtc.UtcDateTime, await ScalarAsync<DateTime>(connection, "SELECT start_at FROM campaigns WHERE name = 'On the team clock' AND team_id = @team", ("team", team)));
        await ScalarAsync<int>(connection, "WITH u AS (UPDATE campaigns SET state = 'Cancelled' WHERE name = 'On the team clock' RETURNING 1) SELECT count(*)::int FROM u");
    }

    [Fact]
    public async Task At_phone_width_the_control_room_keeps_the_kill_switches_on_the_first_screen_and_stops_and_resumes_all_sending()
    {
        var team = await DemoTeamAsync();
        var page = await cluster.NewPhonePageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");
        await Expect(page.Locator("[data-testid=activity-feed]")).ToBeVisibleAsync();
        try
        {
            var stop = page.Locator("[data-testid=kill-bar] [data-testid=team-stop]");
            await Expect(stop).ToBeVisibleAsync();
            Assert.True((await stop.BoundingBoxAsync()) is { } box && box.Y + box.Height <= 844, "Stop all sending should be on the first screen");
            await Expect(stop).ToHaveTextAsync("Stop all sending");
            await AssertNoSidewaysScrollAsync(page);
            await Operator.AssertAccessibleAsync(page);
            await Operator.ScreenshotAsync(page, "control-room-phone");

            await Operator.OpenDialogAsync(stop);
            await page.FillAsync("[role=dialog] [data-testid=reason-input]", "Checking from my phone");
            await page.ClickAsync("[role=dialog] [data-testid=reason-confirm]");
            await Expect(page.Locator("[data-testid=stop-banner][data-kind=team]")).ToContainTextAsync("Checking from my phone");
            await Expect(page.Locator("[data-testid=running-campaigns]")).ToContainTextAsync("Campaigns held");
            await AssertNoSidewaysScrollAsync(page);
            await Operator.ScreenshotAsync(page, "control-room-phone-stopped");

            await page.Locator("[data-testid=kill-bar] [data-testid=team-resume]").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
            await Expect(page.Locator("[data-testid=stop-banner]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=kill-bar] [data-testid=team-stop]")).ToBeVisibleAsync();

            // Dark, as a phone at night shows it: nothing white on white, still accessible.
            await page.ClickAsync("[data-testid=appearance-button]");
            await page.ClickAsync("[data-testid=appearance-dark]");
            await Expect(page.Locator("[data-testid=appearance-button]")).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(500);
            await Operator.AssertAccessibleAsync(page);
            await Operator.ScreenshotAsync(page, "control-room-phone-dark");
        }
        finally
        {
            // A stop or a dark console left behind by a failure here would change every later test.
            await using var connection = await OpenAsync();
            await ScalarAsync<int>(connection, "WITH u AS (UPDATE messaging_settings SET sending_paused = false WHERE team_id = @team AND sending_paused RETURNING 1) SELECT count(*)::int FROM u",
                ("team", team));
            await ScalarAsync<int>(connection, "WITH u AS (UPDATE users SET appearance = 'System' WHERE appearance <> 'System' RETURNING 1) SELECT count(*)::int FROM u");
        }
    }

    [Fact]
    public async Task A_team_stop_shows_on_every_page_and_every_tile_until_it_is_resumed_where_it_was_stopped()
    {
        var team = await DemoTeamAsync();
        await ProspectsAsync(team, "held-run", 10, exchange: 273);
        await NumbersAsync(team, 3, prefix: 373);
        var room = await OwnerPageAsync(cluster.NodeB);
        var page = await OwnerPageAsync(cluster.NodeA);
        await WizardToReviewAsync(page, "Held by the team", "held-run", 10, "Hi {{first_name|there}}, a quick question", throttle: 1);
        await page.ClickAsync("[data-testid=wizard-start]");
        var row = Row(page, "Held by the team");
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
        await WizardToReviewAsync(page, "Two nodes", "two-process", 150, "Hello {{first_name|there}} from two nodes", throttle: 100_000);
        await page.ClickAsync("[data-testid=wizard-start]");
        await Expect(Row(page, "Two nodes").Locator("[data-testid=campaign-state]")).ToHaveTextAsync(new Regex("Running|Completed"));

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

    /// <summary>
    /// A new campaign through the wizard's first three steps, for a tagged audience (counted live as
    /// <paramref name="audience"/>), every day of the week, left on the review.
    /// </summary>
    private static async Task WizardToReviewAsync(IPage page, string name, string tag, int audience, string firstMessage, int throttle)
    {
        await Operator.NavigateAsync(page, "Campaigns", "Campaigns");
        await page.ClickAsync("[data-testid=new-campaign]");
        await page.FillAsync("[data-testid=wizard-name]", name);
        await TagOption(page, tag).CheckAsync();
        await Expect(page.Locator("[data-testid=audience-count]")).ToHaveTextAsync(audience.ToString("N0", CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=wizard-next]");
        await page.FillAsync("[data-testid=wizard-first]", firstMessage);
        await page.ClickAsync("[data-testid=wizard-next]");
        await page.FillAsync("[data-testid=wizard-throttle]", throttle.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[data-testid=day-option][data-day=saturday]").CheckAsync();
        await page.Locator("[data-testid=day-option][data-day=sunday]").CheckAsync();
        await page.ClickAsync("[data-testid=wizard-next]");
        await Expect(page.Locator("[data-testid=wizard-review]")).ToBeVisibleAsync();
    }

    private static ILocator TagOption(IPage page, string tag) => page.Locator($"[data-testid=tag-option][data-tag='{tag}']");

    /// <summary>A campaign's row in the list: the grid's row holding the campaign's name.</summary>
    private static ILocator Row(IPage page, string campaign) =>
        page.Locator("[data-testid=campaign-list] tr", new() { Has = page.Locator($"[data-campaign='{campaign}']") });

    /// <summary>No sideways scrolling; on failure, names the widest elements that stick out of the window.</summary>
    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var culprits = await page.EvaluateAsync<string[]>("""
            () => document.documentElement.scrollWidth <= window.innerWidth ? [] :
                [...document.querySelectorAll('body *')]
                    .map(e => [e, e.getBoundingClientRect()])
                    .filter(([e, r]) => r.right > window.innerWidth + 1 && r.width > 0)
                    .sort((a, b) => b[1].right - a[1].right)
                    .slice(0, 8)
                    .map(([e, r]) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}[${e.getAttribute('data-testid') ?? ''}] right ${Math.round(r.right)} width ${Math.round(r.width)}`)
            """);
        Assert.True(culprits.Length == 0, "The page scrolls sideways; sticking out: " + string.Join("; ", culprits));
    }

    private async Task<Guid> DemoTeamAsync()
    {
        await using var connection = await OpenAsync();
        return await ScalarAsync<Guid>(connection, "SELECT id FROM teams WHERE name = 'Demo Brokerage'");
    }

    /// <summary>Prospects tagged <paramref name="tag"/> in a zone where it is about 13:00 now (no state: any number of the pool fits).</summary>
    private async Task ProspectsAsync(Guid team, string tag, int count, int exchange, bool doNotContact = false)
    {
        var zone = TestZones.Midday();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO prospects (id, team_id, first_name, company, phone, time_zone, email_verified, is_owner_or_executive, custom_fields, status,
                                   engagement_score, do_not_contact, created_at, updated_at, tags)
            SELECT gen_random_uuid(), @team, 'Pat' || i, initcap(@tag) || ' Co', '+1512' || @exchange || lpad(i::text, 4, '0'), @zone, false, false, '{}', 'New',
                   0, @dnc, now(), now(), ARRAY[@tag]
            FROM generate_series(1, @count) AS i
            """, connection);
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("tag", tag);
        command.Parameters.AddWithValue("exchange", exchange.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("zone", zone);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("dnc", doNotContact);
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
