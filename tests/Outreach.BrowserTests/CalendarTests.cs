using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// The send calendar on two real console processes: a team of its own with two follow-up rules' pending
/// executions and a running campaign's due enrollments (inserted as the scheduler and the engine would leave
/// them), counted in the right hour of the team's clock, filtered by rule; a follow-up cancelled on one node
/// leaves the calendar open on the other, and a rule paused and resumed from the calendar shows it on both.
/// Everything is due two days from now, so no engine or executor acts on it during the test.
/// </summary>
[Collection(ClusterCollection.Name)]
public class CalendarTests(ConsoleCluster cluster)
{
    private const string Zone = "America/Chicago";
    private const string AskRuleName = "Calendar: ask for the e-mail";
    private const string Password = "Calendar-Tests-1";

    [Fact]
    public async Task The_calendar_counts_filters_by_rule_cancels_a_follow_up_live_on_another_node_and_pauses_and_resumes_a_rule()
    {
        var (day, due) = TwoDaysFromNow();
        var seed = await SeedAsync("Calendar Co", "+1737247", due, "manager@calendar.test", "Manager");
        await BackgroundAsync(seed.Team, "+1737247", day);
        var dayKey = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cellSelector = $"[data-testid=cal-cell][data-day='{dayKey}'][data-hour='15']";

        var a = await OpenCalendarAsync(cluster.NodeA.BaseUrl, dayKey);
        var b = await OpenCalendarAsync(cluster.NodeB.BaseUrl, dayKey);

        // 25 campaign sends, 3 follow-ups of one rule and 1 of the other, all in the 15:00 hour of the team's clock;
        // filtered by the rule, its 3 are the only count on the week.
        await Expect(a.Locator(cellSelector)).ToHaveTextAsync("29");
        await a.Locator("[data-testid=filter-rule]").ClickAsync();
        await a.GetByRole(AriaRole.Option, new() { Name = AskRuleName, Exact = true }).ClickAsync();
        await Expect(a.Locator(cellSelector)).ToHaveTextAsync("3");
        await Expect(a.Locator("[data-testid=cal-count]")).ToHaveCountAsync(1);
        await Expect(a.Locator("[data-testid=filter-note]")).ToContainTextAsync("this rule's follow-ups");
        await a.Locator(cellSelector).Locator("[data-testid=cal-count]").ClickAsync();
        await Expect(a.Locator("[data-testid=cal-execution]")).ToHaveCountAsync(3);
        await Expect(a.Locator("[data-testid=cal-execution]").First).ToContainTextAsync("Send SMS");
        await Expect(a.Locator("[data-testid=cal-execution] [data-testid=execution-conversation]").First)
            .ToHaveAttributeAsync("href", $"/inbox/{seed.Conversations[0]}");

        // The other node shows the whole hour: the campaign grouped by step, and all four follow-ups.
        await b.Locator(cellSelector).Locator("[data-testid=cal-count]").ClickAsync();
        await Expect(b.Locator("[data-testid=cal-execution]")).ToHaveCountAsync(4);
        await Expect(b.Locator("[data-testid=slot-campaign][data-campaign='Calendar campaign'] [data-testid=slot-campaign-count]")).ToHaveTextAsync("25");
        await Operator.ScreenshotAsync(b, "calendar");
        await Operator.AssertAccessibleAsync(b);

        // Cancelled on node A (confirmed), gone from node B without a reload.
        var first = a.Locator($"[data-testid=cal-execution][data-execution='{seed.Executions[0]}']");
        await first.Locator("[data-testid=cancel-execution]").ClickAsync();
        await a.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel follow-up" }).ClickAsync();
        await Expect(a.Locator("[data-testid=cal-execution]")).ToHaveCountAsync(2);
        await Expect(a.Locator(cellSelector)).ToHaveTextAsync("2");
        await Expect(b.Locator($"[data-testid=cal-execution][data-execution='{seed.Executions[0]}']")).ToHaveCountAsync(0);
        await Expect(b.Locator("[data-testid=cal-execution]")).ToHaveCountAsync(3);
        await Expect(b.Locator(cellSelector)).ToHaveTextAsync("28");
        await using (var connection = await OpenAsync())
        {
            Assert.Equal("Skipped", await ScalarAsync<string>(connection, "SELECT status FROM follow_up_executions WHERE id = @id", ("id", seed.Executions[0])));
            Assert.StartsWith("Cancelled by ", await ScalarAsync<string>(connection, "SELECT reason FROM follow_up_executions WHERE id = @id", ("id", seed.Executions[0])));
        }

        // Paused from the calendar on node A: its follow-ups stay, marked; the legend on node B says so too. Then resumed.
        var legendB = b.Locator($"[data-testid=rule-legend] tr[data-rule='{AskRuleName}']");
        await Expect(legendB.Locator("[data-testid=legend-state]")).ToHaveTextAsync("on");
        // The cancellation's confirmation has gone before the next question (axe would catch it mid-fade).
        await Expect(a.GetByText("Follow-up cancelled")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await a.Locator("[data-testid=cal-execution] [data-testid=pause-rule]").First.ClickAsync();
        await Expect(a.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(a);
        await a.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Pause rule" }).ClickAsync();
        await Expect(a.Locator("[data-testid=cal-execution] [data-testid=rule-state]").First).ToHaveTextAsync("paused: skipped when due");
        await Expect(legendB.Locator("[data-testid=legend-state]")).ToHaveTextAsync("paused");
        await Expect(b.Locator($"[data-testid=cal-execution][data-rule='{AskRuleName}'] [data-testid=rule-state]").First).ToHaveTextAsync("paused: skipped when due");
        await using (var connection = await OpenAsync())
        {
            Assert.False(await ScalarAsync<bool>(connection, "SELECT is_enabled FROM follow_up_rules WHERE id = @id", ("id", seed.AskRule)));
        }
        await a.Locator("[data-testid=cal-execution] [data-testid=resume-rule]").First.ClickAsync();
        await Expect(a.Locator("[data-testid=cal-execution] [data-testid=rule-state]").First).ToHaveTextAsync("on");
        await Expect(legendB.Locator("[data-testid=legend-state]")).ToHaveTextAsync("on");
        await using (var connection = await OpenAsync())
        {
            Assert.True(await ScalarAsync<bool>(connection, "SELECT is_enabled FROM follow_up_rules WHERE id = @id", ("id", seed.AskRule)));
        }
    }

    [Fact]
    public async Task A_viewer_sees_the_schedule_and_the_control_rooms_grid_links_to_it_but_can_cancel_or_pause_nothing()
    {
        var (day, due) = TwoDaysFromNow();
        await SeedAsync("Calendar Viewers", "+1737246", due, "viewer@calendar.test", "Viewer");
        var dayKey = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, "viewer@calendar.test", Password);

        // The control room's grid is the same query, in the team's zone, and links to the full calendar.
        await Expect(page.Locator("[data-testid=send-calendar]")).ToHaveAttributeAsync("aria-label", new Regex(Regex.Escape(Zone)));
        await page.ClickAsync("[data-testid=open-calendar]");
        await page.Locator("h1", new() { HasTextString = "Calendar" }).WaitForAsync();
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/calendar?from={dayKey}");
        await Operator.WaitForCircuitAsync(page);
        await page.Locator($"[data-testid=cal-cell][data-day='{dayKey}'][data-hour='15'] [data-testid=cal-count]").ClickAsync();

        await Expect(page.Locator("[data-testid=cal-execution]")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=rule-legend] [data-testid=legend-state]").First).ToHaveTextAsync("on");
        await Expect(page.Locator("[data-testid=cancel-execution]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=pause-rule]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=legend-switch]")).ToHaveCountAsync(0);

        // On a phone the week scrolls inside its own box; the page itself never scrolls sideways, and the next week is a tap away.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.Locator("[data-testid=calendar-grid]")).ToBeVisibleAsync();
        // The drawer's exit moves the content for a moment; the page settles within the width or the test names what sticks out.
        const string fits = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth";
        try
        {
            await page.WaitForFunctionAsync(fits, null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // Which elements, hidden, would let the page fit: the deepest of them is what sticks out.
            var wider = await page.EvaluateAsync<string[]>("""
                () => {
                    const fits = () => document.documentElement.scrollWidth <= document.documentElement.clientWidth;
                    const culprits = [];
                    for (const e of document.querySelectorAll('body *')) {
                        const before = e.style.display;
                        e.style.display = 'none';
                        const fixed = fits();
                        e.style.display = before;
                        if (fixed) culprits.push(e);
                    }
                    return culprits.filter(e => !culprits.some(c => c !== e && e.contains(c)))
                        .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}#${e.id} ${Math.round(e.getBoundingClientRect().width)}px wide`);
                }
                """);
            Assert.Fail("The calendar page is wider than a 390 px screen: " + string.Join(", ", wider));
        }
        await page.ClickAsync("[data-testid=week-next]");
        await Expect(page.Locator($"[data-testid=cal-cell][data-day='{day.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'][data-hour='15']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=cal-execution]")).ToHaveCountAsync(0);
    }

    /// <summary>15:10 on the team's clock two days from now: far enough that nothing is due during the test.</summary>
    private static (DateOnly Day, DateTimeOffset Due) TwoDaysFromNow()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, chicago).DateTime).AddDays(2);
        return (day, new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(15, 10)), chicago)));
    }

    /// <summary>The team's manager, the team's only member: signing in opens it (no team switch).</summary>
    private async Task<IPage> OpenCalendarAsync(string baseUrl, string week)
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, baseUrl, "manager@calendar.test", Password);
        await Operator.NavigateAsync(page, "Calendar", "Calendar");
        // Open the seven days from that date, as a shared link would.
        await page.GotoAsync($"{baseUrl}/calendar?from={week}");
        await Operator.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=calendar-grid]")).ToBeVisibleAsync();
        return page;
    }

    private sealed record Seed(Guid Team, Guid AskRule, Guid CallRule, long[] Executions, Guid[] Conversations);

    /// <summary>
    /// A team of its own (so other tests' campaigns never add to its counts) whose only member is a user of its own with
    /// <paramref name="role"/> (other tests' users keep the teams they had), two rules copied from the demo team's
    /// defaults, four pending executions and a running campaign of 25 due enrollments. Its phone numbers start with
    /// <paramref name="prefix"/>.
    /// </summary>
    private async Task<Seed> SeedAsync(string teamName, string prefix, DateTimeOffset due, string email, string role)
    {
        await using var connection = await OpenAsync();
        var team = await ScalarAsync<Guid>(connection, """
            WITH t AS (
                INSERT INTO teams (id, name, slug, time_zone, created_at)
                VALUES (gen_random_uuid(), @name, lower(replace(@name, ' ', '-')), @zone, now()) RETURNING id
            ),
            settings AS (
                INSERT INTO messaging_settings (team_id, sending_paused, quiet_hours_start, quiet_hours_end, auto_reply_enabled,
                    auto_reply_threshold, max_concurrent_sends, classification_profile, updated_at)
                SELECT id, false, '09:00', '20:00', false, 70, 10, '{}', now() FROM t
            ),
            number AS (
                INSERT INTO sending_numbers (id, team_id, number, provider, is_active, next_slot_at, created_at)
                SELECT gen_random_uuid(), id, @prefix || '0999', 'simulator', true, now(), now() FROM t
            ),
            user_added AS (
                INSERT INTO users (id, display_name, is_installation_admin, created_at, user_name, normalized_user_name, email, normalized_email,
                    email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES (gen_random_uuid(), 'Cal ' || @role, false, now(), @email, upper(@email), @email, upper(@email), true, @hash,
                        gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0)
                RETURNING id
            ),
            member AS (
                INSERT INTO memberships (team_id, user_id, role, is_active, joined_at)
                SELECT t.id, u.id, @role, true, now() FROM t, user_added u
            )
            SELECT id FROM t
            """, ("name", teamName), ("zone", Zone), ("prefix", prefix), ("email", email), ("role", role),
            ("hash", new PasswordHasher<object>().HashPassword(new object(), Password)));

        var ask = await RuleAsync(connection, team, AskRuleName, "interested-ask-email");
        var call = await RuleAsync(connection, team, "Calendar: call the hot lead", "hot-lead-uncontacted");

        var executions = new List<long>();
        var conversations = new List<Guid>();
        foreach (var (rule, i) in new[] { (ask, 1), (ask, 2), (ask, 3), (call, 4) })
        {
            var conversation = Guid.NewGuid();
            conversations.Add(conversation);
            executions.Add(await ScalarAsync<long>(connection, """
                WITH p AS (
                    INSERT INTO prospects (id, team_id, full_name, phone, email_verified, is_owner_or_executive, custom_fields, status,
                                           engagement_score, do_not_contact, created_at, updated_at, tags)
                    VALUES (gen_random_uuid(), @team, 'Cal Prospect ' || @i, @prefix || lpad(@i::text, 4, '0'), false, false, '{}', 'New', 0, false, now(), now(), '{}')
                    RETURNING id
                ),
                c AS (
                    INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
                    SELECT @conversation, @team, p.id, (SELECT id FROM sending_numbers WHERE team_id = @team), @prefix || lpad(@i::text, 4, '0'),
                           'Open', 'HotResponses', 'Hot', 0, now() FROM p
                    RETURNING prospect_id
                )
                INSERT INTO follow_up_executions (team_id, rule_id, conversation_id, prospect_id, trigger_key, once, cancel_on_reply, definition, triggered_at, due_at,
                                                  status, actions_done, attempts, created_at)
                SELECT @team, @rule, @conversation, c.prospect_id, 'calendar-test:' || @i, true, true, (SELECT definition FROM follow_up_rules WHERE id = @rule), now(), @due + (@i * interval '1 minute'), 'Pending', 0, 0, now() FROM c
                RETURNING id
                """, ("team", team), ("i", i), ("conversation", conversation), ("rule", rule), ("due", due), ("prefix", prefix)));
        }

        await ScalarAsync<int>(connection, """
            WITH c AS (
                INSERT INTO campaigns (id, team_id, name, channel, state, audience, steps, window_start, window_end, days, throttle_per_minute, daily_cap,
                    max_follow_ups, stop_on_reply, number_pool, require_approval, kill_switch_engaged, reserved_spend, spent, enrolled,
                    excluded_do_not_contact, created_by, created_at, updated_at, started_at)
                VALUES (gen_random_uuid(), @team, 'Calendar campaign', 'Sms', 'Running', '{"kind":1,"tags":["calendar"]}',
                    '[{"delayHours":0,"template":"Hi {{first_name|there}}"},{"delayHours":48,"template":"Following up"}]',
                    '09:00', '18:00', 127, 60, 1000, 1, true, '{}', false, false, 0, 0, 25, 0, 'test', now(), now(), now())
                RETURNING id
            ),
            p AS (
                INSERT INTO prospects (id, team_id, first_name, phone, email_verified, is_owner_or_executive, custom_fields, status,
                                       engagement_score, do_not_contact, created_at, updated_at, tags)
                SELECT gen_random_uuid(), @team, 'Pat' || i, @prefix || lpad((100 + i)::text, 4, '0'), false, false, '{}', 'New', 0, false, now(), now(), ARRAY['calendar']
                FROM generate_series(1, 25) AS i
                RETURNING id
            ),
            e AS (
                INSERT INTO campaign_enrollments (team_id, campaign_id, prospect_id, step, state, variant, next_due_at, enrolled_at, updated_at)
                SELECT @team, c.id, p.id, 1, 'Active', 'A', @due, now(), now() FROM c, p
                RETURNING 1
            )
            SELECT count(*)::int FROM e
            """, ("team", team), ("due", due), ("prefix", prefix));
        return new Seed(team, ask, call, [.. executions], [.. conversations]);
    }

    /// <summary>
    /// The rest of a realistic week around <paramref name="day"/> (never its 15:00 hour, never before it): a drip campaign
    /// sending between 09:00 and 18:00, and a paused one holding a few sends.
    /// </summary>
    private async Task BackgroundAsync(Guid team, string prefix, DateOnly day)
    {
        await using var connection = await OpenAsync();
        foreach (var (name, state, first) in new[] { ("Calendar drip", "Running", 2000), ("Calendar paused", "Paused", 4000) })
        {
            await ScalarAsync<int>(connection, """
                WITH c AS (
                    INSERT INTO campaigns (id, team_id, name, channel, state, audience, steps, window_start, window_end, days, throttle_per_minute, daily_cap,
                        max_follow_ups, stop_on_reply, number_pool, require_approval, kill_switch_engaged, reserved_spend, spent, enrolled,
                        excluded_do_not_contact, created_by, created_at, updated_at, started_at)
                    VALUES (gen_random_uuid(), @team, @name, 'Sms', @state, '{"kind":1,"tags":["drip"]}', '[{"delayHours":0,"template":"Hello {{first_name|there}}"}]',
                        '09:00', '18:00', 127, 60, 1000, 0, true, '{}', false, false, 0, 0, 0, 0, 'test', now(), now(), now())
                    RETURNING id
                ),
                slots AS (
                    SELECT d, h, 1 + (d * 7 + h * 3) % 9 AS n FROM generate_series(0, 4) AS d, generate_series(9, 17) AS h
                    WHERE NOT (d = 0 AND h = 15) AND (@state = 'Running' OR (d = 1 AND h IN (10, 11)))
                ),
                rows AS (SELECT gen_random_uuid() AS id, row_number() OVER () AS k, d, h FROM slots, generate_series(1, n)),
                p AS (
                    INSERT INTO prospects (id, team_id, first_name, phone, email_verified, is_owner_or_executive, custom_fields, status,
                                           engagement_score, do_not_contact, created_at, updated_at, tags)
                    SELECT id, @team, 'Drip' || k, @prefix || lpad((@first + k)::text, 4, '0'), false, false, '{}', 'New', 0, false, now(), now(), ARRAY['drip']
                    FROM rows
                    RETURNING id
                ),
                e AS (
                    INSERT INTO campaign_enrollments (team_id, campaign_id, prospect_id, step, state, variant, next_due_at, enrolled_at, updated_at)
                    SELECT @team, c.id, p.id, 0, 'Pending', 'A', ((@day + r.d) + make_time(r.h, 20, 0)) AT TIME ZONE @zone, now(), now()
                    FROM c, p JOIN rows r ON r.id = p.id
                    RETURNING 1
                )
                SELECT count(*)::int FROM e
                """, ("team", team), ("name", name), ("state", state), ("prefix", prefix), ("first", first), ("day", day), ("zone", Zone));
        }
    }

    private static Task<Guid> RuleAsync(NpgsqlConnection connection, Guid team, string name, string defaultKey) =>
        ScalarAsync<Guid>(connection, """
            INSERT INTO follow_up_rules (id, team_id, name, is_enabled, definition, default_key, created_at, updated_at, updated_by)
            SELECT gen_random_uuid(), @team, @name, true, definition, NULL, now(), now(), 'test'
            FROM follow_up_rules WHERE default_key = @key AND team_id = (SELECT id FROM teams WHERE name = 'Demo Brokerage')
            RETURNING id
            """, ("team", team), ("name", name), ("key", defaultKey));

    private Task<NpgsqlConnection> OpenAsync() => Sql.OpenAsync(cluster);

    private static Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Sql.ScalarAsync<T>(connection, sql, parameters);
}
