using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Domain.Automation;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Automation;
using Outreach.Infrastructure.Calendar;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Tenancy;
using Outreach.TestSupport;
using FixedClock = Outreach.Infrastructure.Tests.Messaging.Queue.OutboundQueueTests.FixedClock;

namespace Outreach.Infrastructure.Tests.Calendar;

/// <summary>
/// The send calendar against real PostgreSQL: hours of the team's own clock (through both daylight-saving
/// changes), the campaign and rule filters, paused campaigns and rules, only pending work counted, campaign
/// sends grouped by step, and one team's schedule invisible to another. Rows are inserted directly: the
/// scheduler that makes them is built elsewhere. Each test makes its own teams.
/// </summary>
public sealed class ScheduleCalendarTests(ScheduleCalendarTests.CalendarNode node) : IClassFixture<ScheduleCalendarTests.CalendarNode>
{
    private const string NewYork = "America/New_York";

    [Fact]
    public async Task Hours_are_the_teams_wall_clock_and_the_hour_that_happens_twice_when_clocks_go_back_holds_both()
    {
        // Sunday 1 November 2026, New York: 01:59 EDT is followed by 01:00 EST (06:00 UTC).
        var clock = new FixedClock(new DateTimeOffset(2026, 10, 28, 12, 0, 0, TimeSpan.Zero));
        var team = await node.TeamAsync("Fall back", NewYork);
        var rule = await node.RuleAsync(team, "Ask again", enabled: true);
        var campaign = await node.CampaignAsync(team, "Autumn", CampaignState.Running);
        await node.ExecutionAsync(team, rule, At("2026-11-01T05:30:00Z")); // 01:30 EDT
        await node.ExecutionAsync(team, rule, At("2026-11-01T06:30:00Z")); // 01:30 EST, an hour later
        await node.EnrollAsync(team, campaign, 3, At("2026-11-01T07:10:00Z")); // 02:10 EST
        await node.EnrollAsync(team, campaign, 2, At("2026-11-02T04:30:00Z")); // 23:30 EST on the 1st: the 2nd in UTC
        await node.ExecutionAsync(team, rule, At("2026-10-26T04:00:00Z")); // Monday 00:00 EDT: the week's first hour
        await node.ExecutionAsync(team, rule, At("2026-10-26T03:59:00Z")); // Sunday 23:59 EDT: the week before
        await node.ExecutionAsync(team, rule, At("2026-11-02T05:00:00Z")); // Monday 00:00 EST: the week after

        var calendar = node.Calendar(team, clock);
        var grid = await calendar.GridAsync(new DateOnly(2026, 10, 26), 7, CalendarFilter.All, default);
        var slot = await calendar.SlotAsync(new DateTime(2026, 11, 1, 1, 0, 0), 1, CalendarFilter.All, default);
        var day = await calendar.SlotAsync(new DateTime(2026, 11, 1, 0, 0, 0), 24, CalendarFilter.All, default);

        Assert.Equal(NewYork, grid.Clock.Zone);
        Assert.Equal(new DateTime(2026, 10, 28, 8, 0, 0), grid.Clock.LocalNow);
        Assert.Equal(
            [(new DateTime(2026, 10, 26, 0, 0, 0), 0L, 1L), (new DateTime(2026, 11, 1, 1, 0, 0), 0L, 2L),
             (new DateTime(2026, 11, 1, 2, 0, 0), 3L, 0L), (new DateTime(2026, 11, 1, 23, 0, 0), 2L, 0L)],
            grid.Buckets.Select(b => (b.Hour, b.CampaignSends, b.FollowUps)).ToArray());
        Assert.Equal(2, slot.ExecutionCount);
        Assert.Equal([At("2026-11-01T05:30:00Z"), At("2026-11-01T06:30:00Z")], slot.Executions.Select(x => x.DueAt.ToUniversalTime()).ToArray());
        Assert.Equal(5L, day.CampaignSends.Sum(g => g.Count));
        Assert.Equal(2, day.ExecutionCount);
    }

    [Fact]
    public async Task The_hour_skipped_when_clocks_go_forward_stays_empty()
    {
        // Sunday 8 March 2026, New York: 01:59 EST is followed by 03:00 EDT (07:00 UTC).
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var team = await node.TeamAsync("Spring forward", NewYork);
        var rule = await node.RuleAsync(team, "Nudge", enabled: true);
        await node.ExecutionAsync(team, rule, At("2026-03-08T06:45:00Z")); // 01:45 EST
        await node.ExecutionAsync(team, rule, At("2026-03-08T07:15:00Z")); // 03:15 EDT, half an hour later

        var grid = await node.Calendar(team, clock).GridAsync(new DateOnly(2026, 3, 2), 7, CalendarFilter.All, default);

        Assert.Equal([new DateTime(2026, 3, 8, 1, 0, 0), new DateTime(2026, 3, 8, 3, 0, 0)], grid.Buckets.Select(b => b.Hour).ToArray());
        Assert.DoesNotContain(grid.Buckets, b => b.Hour.Hour == 2);
    }

    [Fact]
    public async Task A_zone_a_quarter_hour_off_utc_counts_by_its_own_hours()
    {
        // Kathmandu is UTC+05:45: 03:10 UTC is 08:55 there and 03:20 UTC is 09:05, one UTC hour but two local ones.
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var team = await node.TeamAsync("Kathmandu", "Asia/Kathmandu");
        var rule = await node.RuleAsync(team, "Quarter", enabled: true);
        var campaign = await node.CampaignAsync(team, "Quarter campaign", CampaignState.Running);
        await node.ExecutionAsync(team, rule, At("2026-11-24T03:10:00Z"));
        await node.EnrollAsync(team, campaign, 2, At("2026-11-24T03:20:00Z"));

        var grid = await node.Calendar(team, clock).GridAsync(new DateOnly(2026, 11, 23), 7, CalendarFilter.All, default);

        Assert.Equal(
            [(new DateTime(2026, 11, 24, 8, 0, 0), 0L, 1L), (new DateTime(2026, 11, 24, 9, 0, 0), 2L, 0L)],
            grid.Buckets.Select(b => (b.Hour, b.CampaignSends, b.FollowUps)).ToArray());
    }

    [Fact]
    public async Task A_campaign_narrows_the_sends_a_rule_narrows_the_follow_ups_and_the_kind_chooses_between_them()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var team = await node.TeamAsync("Filters", "America/Chicago");
        var spring = await node.CampaignAsync(team, "Spring", CampaignState.Running);
        var summer = await node.CampaignAsync(team, "Summer", CampaignState.Running);
        var ask = await node.RuleAsync(team, "Ask for the e-mail", enabled: true);
        var call = await node.RuleAsync(team, "Call the hot lead", enabled: true);
        var noon = At("2026-11-24T18:20:00Z"); // 12:20 in Chicago
        await node.EnrollAsync(team, spring, 4, noon);
        await node.EnrollAsync(team, summer, 6, noon);
        await node.ExecutionAsync(team, ask, noon);
        await node.ExecutionAsync(team, call, noon);
        await node.ExecutionAsync(team, call, noon);
        var calendar = node.Calendar(team, clock);

        async Task<(long Sends, long FollowUps)> CountAsync(CalendarFilter filter)
        {
            var grid = await calendar.GridAsync(new DateOnly(2026, 11, 23), 7, filter, default);
            return (grid.Buckets.Sum(b => b.CampaignSends), grid.Buckets.Sum(b => b.FollowUps));
        }

        Assert.Equal((10L, 3L), await CountAsync(CalendarFilter.All));
        Assert.Equal((4L, 0L), await CountAsync(new CalendarFilter(CampaignId: spring.Id)));
        Assert.Equal((0L, 2L), await CountAsync(new CalendarFilter(RuleId: call)));
        Assert.Equal((6L, 1L), await CountAsync(new CalendarFilter(summer.Id, ask)));
        Assert.Equal((10L, 0L), await CountAsync(new CalendarFilter(Kinds: CalendarKinds.Campaigns)));
        Assert.Equal((0L, 3L), await CountAsync(new CalendarFilter(Kinds: CalendarKinds.FollowUps)));
        var slot = await calendar.SlotAsync(new DateTime(2026, 11, 24, 12, 0, 0), 1, new CalendarFilter(summer.Id, call), default);
        Assert.Equal(["Summer"], slot.CampaignSends.Select(g => g.CampaignName).ToArray());
        Assert.All(slot.Executions, x => Assert.Equal("Call the hot lead", x.RuleName));
        Assert.Equal(2, slot.ExecutionCount);
    }

    [Fact]
    public async Task Paused_campaigns_are_held_finished_ones_and_finished_enrollments_are_not_shown_and_sends_are_grouped_by_step()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var team = await node.TeamAsync("Campaign states", "America/Chicago");
        var running = await node.CampaignAsync(team, "Running one", CampaignState.Running);
        var paused = await node.CampaignAsync(team, "Paused one", CampaignState.Paused);
        var done = await node.CampaignAsync(team, "Completed one", CampaignState.Completed);
        var draft = await node.CampaignAsync(team, "Draft one", CampaignState.Draft);
        var scheduled = await node.CampaignAsync(team, "Scheduled one", CampaignState.Scheduled, startAt: At("2026-11-25T15:00:00Z"));
        var at = At("2026-11-24T15:05:00Z"); // 09:05 in Chicago
        await node.EnrollAsync(team, running, 30, at, step: 0);
        await node.EnrollAsync(team, running, 20, at.AddMinutes(40), step: 1, state: "Active");
        await node.EnrollAsync(team, running, 5, at, state: "Completed");
        await node.EnrollAsync(team, running, 4, at, state: "Replied");
        await node.EnrollAsync(team, paused, 7, at);
        await node.EnrollAsync(team, done, 9, at);
        await node.EnrollAsync(team, draft, 8, at);
        var calendar = node.Calendar(team, clock);

        var grid = await calendar.GridAsync(new DateOnly(2026, 11, 23), 7, CalendarFilter.All, default);
        var slot = await calendar.SlotAsync(new DateTime(2026, 11, 24, 9, 0, 0), 1, CalendarFilter.All, default);
        var startSlot = await calendar.SlotAsync(new DateTime(2026, 11, 25, 9, 0, 0), 1, CalendarFilter.All, default);
        var choices = await calendar.CampaignsAsync(default);

        var nine = Assert.Single(grid.Buckets, b => b.Hour == new DateTime(2026, 11, 24, 9, 0, 0));
        Assert.Equal((50L, 7L), (nine.CampaignSends, nine.HeldCampaignSends));
        Assert.Equal(1, Assert.Single(grid.Buckets, b => b.Hour == new DateTime(2026, 11, 25, 9, 0, 0)).CampaignStarts);
        Assert.Equal(
            [("Paused one", CampaignState.Paused, 0, 7L), ("Running one", CampaignState.Running, 0, 30L), ("Running one", CampaignState.Running, 1, 20L)],
            slot.CampaignSends.Select(g => (g.CampaignName, g.State, g.Step, g.Count)).ToArray());
        var second = slot.CampaignSends.Single(g => g.Step == 1);
        Assert.Equal((2, "Then a follow-up"), (second.StepCount, second.Template));
        Assert.Equal((at.AddMinutes(40), at.AddMinutes(40)), (second.FirstDueAt.ToUniversalTime(), second.LastDueAt.ToUniversalTime()));
        Assert.Equal(["Scheduled one"], startSlot.CampaignStarts.Select(s => s.CampaignName).ToArray());
        Assert.Equal(["Paused one", "Running one", "Scheduled one"], choices.Select(c => c.Name).ToArray());
    }

    [Fact]
    public async Task Only_pending_executions_count_they_are_listed_with_what_the_rule_will_do_and_a_cancelled_one_leaves_the_calendar()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var team = await node.TeamAsync("Executions", "America/Chicago");
        var rule = await node.RuleAsync(team, "Question unanswered", enabled: true);
        var off = await node.RuleAsync(team, "Switched off", enabled: false);
        var at = At("2026-11-24T20:10:00Z"); // 14:10 in Chicago
        var pending = await node.ExecutionAsync(team, rule, at, prospectName: "Quinn Questioner");
        foreach (var status in new[] { "Running", "Completed", "Skipped", "Failed" })
        {
            await node.ExecutionAsync(team, rule, at, status: status);
        }
        await node.ExecutionAsync(team, off, at.AddMinutes(5));
        await node.ExecutionAsync(team, rule, At("2026-11-23T11:00:00Z")); // an hour before now: overdue
        var calendar = node.Calendar(team, clock);

        var grid = await calendar.GridAsync(new DateOnly(2026, 11, 23), 7, CalendarFilter.All, default);
        var slot = await calendar.SlotAsync(new DateTime(2026, 11, 24, 14, 0, 0), 1, CalendarFilter.All, default);

        var two = Assert.Single(grid.Buckets, b => b.Hour == new DateTime(2026, 11, 24, 14, 0, 0));
        Assert.Equal((1L, 1L), (two.FollowUps, two.HeldFollowUps));
        Assert.Equal(new OverdueCounts(0, 1), grid.Overdue);
        Assert.Equal(2, slot.ExecutionCount);
        var listed = slot.Executions[0];
        Assert.Equal((pending.Id, rule, "Question unanswered", true, pending.ConversationId, "Quinn Questioner", pending.Phone),
            (listed.Id, listed.RuleId, listed.RuleName, listed.RuleEnabled, listed.ConversationId, listed.ProspectName, listed.Phone));
        Assert.Equal(["Task \"Answer the question\" for the owner"], listed.Actions);
        Assert.Equal("Question not answered by a person within 1 hour", listed.Trigger);
        Assert.False(slot.Executions[1].RuleEnabled);

        await using (var scope = node.Host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
            var cancelled = await scope.ServiceProvider.GetRequiredService<FollowUpRules>()
                .CancelExecutionAsync(new RuleActor(Guid.NewGuid(), "Ana Agent", TeamRole.Agent), pending.Id, default);
            Assert.True(cancelled);
        }
        var after = await calendar.GridAsync(new DateOnly(2026, 11, 23), 7, CalendarFilter.All, default);
        Assert.Equal((0L, 1L), after.Buckets.Where(b => b.Hour == two.Hour).Select(b => (b.FollowUps, b.HeldFollowUps)).Single());
    }

    [Fact]
    public async Task One_team_never_sees_another_teams_schedule_even_when_it_names_the_other_teams_rule_or_campaign()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var mine = await node.TeamAsync("Mine", "America/Chicago");
        var theirs = await node.TeamAsync("Theirs", "America/Chicago");
        var theirRule = await node.RuleAsync(theirs, "Their rule", enabled: true);
        var theirCampaign = await node.CampaignAsync(theirs, "Their campaign", CampaignState.Running);
        var at = At("2026-11-24T16:00:00Z");
        await node.ExecutionAsync(theirs, theirRule, at);
        await node.EnrollAsync(theirs, theirCampaign, 12, at);
        var calendar = node.Calendar(mine, clock);

        var all = await calendar.GridAsync(new DateOnly(2026, 11, 23), 7, CalendarFilter.All, default);
        var named = await calendar.GridAsync(new DateOnly(2026, 11, 23), 7, new CalendarFilter(theirCampaign.Id, theirRule), default);
        var slot = await calendar.SlotAsync(new DateTime(2026, 11, 24, 0, 0, 0), 24, new CalendarFilter(theirCampaign.Id, theirRule), default);
        var choices = await calendar.CampaignsAsync(default);
        var theirView = await node.Calendar(theirs, clock).GridAsync(new DateOnly(2026, 11, 23), 7, CalendarFilter.All, default);

        Assert.Empty(all.Buckets);
        Assert.Empty(named.Buckets);
        Assert.True(slot.IsEmpty);
        Assert.Empty(choices);
        Assert.Equal(13L, theirView.Buckets.Sum(b => b.Total));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public sealed record SeededExecution(long Id, Guid ConversationId, string Phone);

    /// <summary>A migrated database and one node; helpers insert what the campaign engine and the rules scheduler would.</summary>
    public sealed class CalendarNode : IAsyncLifetime
    {
        private static readonly TimeProvider SetUpClock = new FixedClock(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
        private TestDatabase _database = null!;
        private int _phones;
        private int _numbers;

        public IHost Host { get; private set; } = null!;
        private NpgsqlDataSource Owner => Host.Services.GetRequiredService<NpgsqlDataSource>();

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync("calendar");
            Host = TestNode.Build(_database.ConnectionString, "calendar-node",
                settings: new Dictionary<string, string?> { ["Outreach:Messaging:Queue:Enabled"] = "false" });
            await OutreachDatabase.MigrateAsync(Host.Services);
        }

        /// <summary>The calendar as a circuit of <paramref name="team"/> gets it, on a fixed clock.</summary>
        public ScheduleCalendar Calendar(Guid team, TimeProvider clock) =>
            new(Host.Services.GetRequiredService<TenantDatabase>(), TenantScope.ForTeam(team), clock);

        public async Task<Guid> TeamAsync(string name, string zone)
        {
            var team = Team.Create($"{name} {Guid.NewGuid().ToString("N")[..8]}", zone, SetUpClock);
            var number = SendingNumber.Register(team.Id, $"+1512247{Interlocked.Increment(ref _numbers):0000}", SmsProviderNames.Simulator, null, SetUpClock);
            await using var db = Host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
            db.AddRange(team, number);
            await db.SaveChangesAsync();
            return team.Id;
        }

        public async Task<Guid> RuleAsync(Guid team, string name, bool enabled)
        {
            // "Question unanswered for an hour": a task for the conversation's owner.
            var rule = FollowUpRule.Create(team, name, DefaultRules.All[2].Definition, enabled, "test", SetUpClock);
            await using var db = Host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
            db.Add(rule);
            await db.SaveChangesAsync();
            return rule.Id;
        }

        public async Task<Campaign> CampaignAsync(Guid team, string name, CampaignState state, DateTimeOffset? startAt = null)
        {
            var campaign = Campaign.Create(team, CampaignPlan.Default(name) with
            {
                Audience = new CampaignAudience(AudienceKind.Tags, Tags: ["calendar"]),
                Steps = [new CampaignStep(0, "Hello {{first_name|there}}"), new CampaignStep(48, "Then a follow-up")],
            }, "test", SetUpClock);
            await using (var db = Host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext())
            {
                db.Add(campaign);
                await db.SaveChangesAsync();
            }
            await ExecuteAsync("UPDATE campaigns SET state = @state, start_at = @start WHERE id = @id",
                ("state", state.ToString()), ("start", (object?)startAt ?? DBNull.Value), ("id", campaign.Id));
            return campaign;
        }

        /// <summary><paramref name="count"/> new prospects enrolled, owed step <paramref name="step"/> at <paramref name="due"/>.</summary>
        public async Task EnrollAsync(Guid team, Campaign campaign, int count, DateTimeOffset due, int step = 0, string state = "Pending")
        {
            var first = Interlocked.Add(ref _phones, count) - count + 1;
            await ExecuteAsync("""
                WITH p AS (
                    INSERT INTO prospects (id, team_id, first_name, phone, email_verified, is_owner_or_executive, custom_fields, status,
                                           engagement_score, do_not_contact, created_at, updated_at, tags)
                    SELECT gen_random_uuid(), @team, 'Pat' || i, '+1737248' || lpad(i::text, 4, '0'), false, false, '{}', 'New', 0, false, now(), now(), ARRAY['calendar']
                    FROM generate_series(@first, @first + @count - 1) AS i
                    RETURNING id
                )
                INSERT INTO campaign_enrollments (team_id, campaign_id, prospect_id, step, state, variant, next_due_at, enrolled_at, updated_at)
                SELECT @team, @campaign, id, @step, @state, 'A', @due, now(), now() FROM p
                """, ("team", team), ("first", first), ("count", count), ("campaign", campaign.Id), ("step", step), ("state", state), ("due", due));
        }

        /// <summary>A prospect, its conversation, and one execution of <paramref name="rule"/> due at <paramref name="due"/>.</summary>
        public async Task<SeededExecution> ExecutionAsync(Guid team, Guid rule, DateTimeOffset due, string status = "Pending", string prospectName = "Pat Prospect")
        {
            var phone = $"+1737249{Interlocked.Increment(ref _phones) % 10000:0000}";
            var conversation = Guid.NewGuid();
            await using var connection = await Owner.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("""
                WITH p AS (
                    INSERT INTO prospects (id, team_id, full_name, phone, email_verified, is_owner_or_executive, custom_fields, status,
                                           engagement_score, do_not_contact, created_at, updated_at, tags)
                    VALUES (gen_random_uuid(), @team, @name, @phone, false, false, '{}', 'New', 0, false, now(), now(), '{}')
                    RETURNING id
                ),
                c AS (
                    INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
                    SELECT @conversation, @team, p.id, (SELECT id FROM sending_numbers WHERE team_id = @team LIMIT 1), @phone, 'Open', 'Other', 'Warm', 0, now() FROM p
                    RETURNING prospect_id
                )
                INSERT INTO follow_up_executions (team_id, rule_id, conversation_id, prospect_id, trigger_key, once, cancel_on_reply, definition, triggered_at, due_at,
                                                  status, actions_done, attempts, created_at)
                SELECT @team, @rule, @conversation, c.prospect_id, 'test:' || gen_random_uuid(), false, true, (SELECT definition FROM follow_up_rules WHERE id = @rule), @due - interval '1 hour', @due, @status, 0, 0, now() FROM c
                RETURNING id
                """, connection);
            foreach (var (name, value) in new (string, object)[] { ("team", team), ("name", prospectName), ("phone", phone), ("conversation", conversation), ("rule", rule), ("due", due), ("status", status) })
            {
                command.Parameters.AddWithValue(name, value);
            }
            var id = (long)(await command.ExecuteScalarAsync())!;
            return new SeededExecution(id, conversation, phone);
        }

        private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            await using var connection = await Owner.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            await command.ExecuteNonQueryAsync();
        }

        public async Task DisposeAsync()
        {
            Host.Dispose();
            await _database.DisposeAsync();
        }
    }
}
