using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tests.Inbox;

/// <summary>The inbox's rules that need no database: the SLA clock, labels, snooze presets, permissions and tabs.</summary>
public class TriageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Target = TimeSpan.FromHours(2);

    [Theory]
    [InlineData(LeadPriority.Hot, 120, true)]
    [InlineData(LeadPriority.Hot, 119, false)]
    [InlineData(LeadPriority.Hot, 600, true)]
    [InlineData(LeadPriority.Warm, 600, false)]
    [InlineData(LeadPriority.Cold, 600, false)]
    public void Only_a_hot_lead_waiting_at_least_the_target_is_breached(LeadPriority priority, int minutesWaiting, bool breached) =>
        Assert.Equal(breached, InboxSla.IsBreached(priority, Now.AddMinutes(-minutesWaiting), Now, Target));

    [Fact]
    public void Nobody_waiting_is_never_breached_and_a_clock_ahead_of_now_waits_zero()
    {
        Assert.False(InboxSla.IsBreached(LeadPriority.Hot, null, Now, Target));
        Assert.Null(InboxSla.Waiting(null, Now));
        Assert.Equal(TimeSpan.Zero, InboxSla.Waiting(Now.AddMinutes(5), Now));
        Assert.Equal(Now - Target, InboxSla.BreachedIfWaitingBefore(Now, Target));
    }

    [Theory]
    [InlineData(30, "<1 min")]
    [InlineData(60 * 4, "4 min")]
    [InlineData(60 * 125, "2 h 05 min")]
    [InlineData(60 * 60 * 28, "1 d 4 h")]
    public void Waiting_time_reads_short(int seconds, string expected) =>
        Assert.Equal(expected, InboxSla.Describe(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("  Call Back ", "call-back")]
    [InlineData("Spanish", "spanish")]
    [InlineData("needs\tmanager  review", "needs-manager-review")]
    public void Labels_are_trimmed_lower_cased_and_hyphenated(string raw, string expected) =>
        Assert.Equal(expected, InboxLabels.Normalize(raw));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a,b")]
    [InlineData("this-label-is-much-too-long-for-anyone-to-read")]
    public void Bad_labels_are_refused_with_a_reason(string raw) =>
        Assert.NotEmpty(Assert.Throws<DomainException>(() => InboxLabels.Normalize(raw)).Message);

    [Fact]
    public void Snooze_presets_are_in_the_future_and_land_at_nine_in_the_teams_zone()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        // Tuesday 24 November 2026, 12:00 in Chicago.
        var presets = Snooze.Presets(Now, chicago);

        Assert.All(presets, p => Assert.True(p.Until > Now));
        var tomorrow = presets.Single(p => p.Label.StartsWith("Tomorrow", StringComparison.Ordinal)).Until;
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(-6)), tomorrow);
        var monday = presets.Single(p => p.Label.StartsWith("Next Monday", StringComparison.Ordinal)).Until;
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(-6)), monday);
    }

    [Fact]
    public void On_a_monday_next_monday_is_a_week_away_and_across_a_clock_change_the_offset_follows()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // Monday 2 March 2026, 15:00 UTC; the clocks go forward on Sunday 8 March.
        var presets = Snooze.Presets(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero), newYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(-4)), presets.Single(p => p.Label.StartsWith("Next Monday", StringComparison.Ordinal)).Until);
    }

    [Fact]
    public void A_snooze_must_end_in_the_future_and_within_ninety_days()
    {
        Assert.Throws<DomainException>(() => Snooze.Validate(Now, Now));
        Assert.Throws<DomainException>(() => Snooze.Validate(Now.AddDays(91), Now));
        Assert.Equal(Now.AddDays(90), Snooze.Validate(Now.AddDays(90), Now));
    }

    [Theory]
    [InlineData(TeamRole.Owner, true)]
    [InlineData(TeamRole.Admin, true)]
    [InlineData(TeamRole.Manager, true)]
    [InlineData(TeamRole.Agent, true)]
    [InlineData(TeamRole.Viewer, false)]
    public void Agents_and_above_act_viewers_only_read(TeamRole role, bool canAct)
    {
        Assert.Equal(canAct, Permissions.Allows(Permission.WorkInbox, role, installationAdmin: false));
        Assert.Equal(canAct, Permissions.Allows(Permission.ManageReplyTemplates, role, installationAdmin: false));
    }

    [Theory]
    [InlineData(1, InboxBucket.EmailCaptures)]
    [InlineData(2, InboxBucket.HotResponses)]
    [InlineData(3, InboxBucket.Objections)]
    [InlineData(4, InboxBucket.DoNotContact)]
    [InlineData(5, InboxBucket.Other)]
    public void Number_keys_move_to_the_buckets_in_tab_order(int key, InboxBucket bucket)
    {
        Assert.Equal(bucket, InboxTabs.ForShortcut(key));
        Assert.Equal(bucket, ((InboxTab)(key - 1)).Bucket());
    }

    [Fact]
    public void Keys_outside_one_to_five_move_nothing_and_the_other_tabs_are_not_buckets()
    {
        Assert.Null(InboxTabs.ForShortcut(0));
        Assert.Null(InboxTabs.ForShortcut(6));
        Assert.All(new[] { InboxTab.Mine, InboxTab.Unassigned, InboxTab.Snoozed, InboxTab.Done, InboxTab.All }, t => Assert.Null(t.Bucket()));
    }

    [Fact]
    public void Template_variables_come_from_the_prospect_and_blanks_fall_back()
    {
        var values = new string?[Enum.GetValues<ProspectField>().Length];
        values[(int)ProspectField.FullName] = "Dale Gribble";
        values[(int)ProspectField.Phone] = "(512) 241-3001";
        var prospect = Prospect.Create(Guid.NewGuid(), ProspectRows.Normalize(values).Prospect!, TimeProvider.System);

        var text = Outreach.Domain.Messaging.MessageTemplate.Render("Hi {{firstName|there}} at {{company|your company}}, {{senderName}} here.",
            ProspectVariables.For(prospect, "Ana"));

        Assert.Equal("Hi Dale at your company, Ana here.", text);
        Assert.Equal("Dale", Outreach.Domain.Messaging.MessageTemplate.Render("{{first_name}}", ProspectVariables.For(prospect)));
        Assert.Equal("Dale", Outreach.Domain.Messaging.MessageTemplate.Render("{{FirstName}}", ProspectVariables.For(prospect)));
        Assert.Equal("(512) 241-3001", PhoneNumbers.Display("+15122413001"));
        Assert.Equal("+44 20 7183 8750", PhoneNumbers.Display("+442071838750"));
    }
}
