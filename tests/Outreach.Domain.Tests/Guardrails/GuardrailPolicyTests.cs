using Outreach.Domain.Guardrails;

namespace Outreach.Domain.Tests.Guardrails;

public class GuardrailPolicyTests
{
    // Tuesday 10 June 2025, 15:00 UTC: 11:00 in New York, 08:00 in Los Angeles.
    private static readonly DateTimeOffset Midday = new(2025, 6, 10, 15, 0, 0, TimeSpan.Zero);

    private static GuardrailRequest Clear(DateTimeOffset now, string? zone = "America/New_York") =>
        new(now, zone, RecipientSuppressed: false, GlobalKillSwitch: false, TeamKillSwitch: false,
            ChannelKillSwitch: false, TeamWindow: null);

    [Fact]
    public void A_message_that_passes_every_check_is_allowed()
    {
        var decision = GuardrailPolicy.Evaluate(Clear(Midday));

        Assert.Same(GuardrailDecision.Allowed, decision);
        Assert.True(decision.IsAllowed);
        Assert.Equal(GuardrailReason.None, decision.Reason);
        Assert.Null(decision.DeferUntil);
    }

    public static TheoryData<GuardrailRequest, GuardrailReason> Blocks => new()
    {
        { Clear(Midday) with { HasValidRecipient = false }, GuardrailReason.InvalidRecipient },
        { Clear(Midday) with { HasValidRecipient = false, GlobalKillSwitch = true, RecipientSuppressed = true }, GuardrailReason.InvalidRecipient },
        { Clear(Midday) with { GlobalKillSwitch = true }, GuardrailReason.GlobalKillSwitch },
        { Clear(Midday) with { GlobalKillSwitch = true, TeamKillSwitch = true, ChannelKillSwitch = true }, GuardrailReason.GlobalKillSwitch },
        { Clear(Midday) with { TeamKillSwitch = true }, GuardrailReason.TeamKillSwitch },
        { Clear(Midday) with { TeamKillSwitch = true, ChannelKillSwitch = true, RecipientSuppressed = true }, GuardrailReason.TeamKillSwitch },
        { Clear(Midday) with { ChannelKillSwitch = true }, GuardrailReason.ChannelKillSwitch },
        { Clear(Midday) with { ChannelKillSwitch = true, RecipientSuppressed = true }, GuardrailReason.ChannelKillSwitch },
        { Clear(Midday) with { RecipientSuppressed = true }, GuardrailReason.Suppressed },
        { Clear(Midday) with { RecipientSuppressed = true, HasSendingNumber = false }, GuardrailReason.Suppressed },
        { Clear(Midday) with { HasSendingNumber = false }, GuardrailReason.NoSendingNumber },
        // A block outranks quiet hours: deferring a message that can never go would only hide why.
        { Clear(Midday.AddHours(-10)) with { RecipientSuppressed = true }, GuardrailReason.Suppressed },
        { Clear(Midday.AddHours(-10)) with { GlobalKillSwitch = true }, GuardrailReason.GlobalKillSwitch },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Blocks_are_checked_in_order_and_the_first_one_decides(GuardrailRequest request, GuardrailReason reason)
    {
        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailOutcome.Block, decision.Outcome);
        Assert.Equal(reason, decision.Reason);
        Assert.False(decision.IsAllowed);
        Assert.Null(decision.DeferUntil);
        Assert.False(string.IsNullOrWhiteSpace(decision.Explanation));
    }

    [Fact]
    public void Quiet_hours_defer_to_the_next_allowed_moment_in_the_recipients_zone()
    {
        // 06:00 in Chicago.
        var decision = GuardrailPolicy.Evaluate(Clear(new DateTimeOffset(2025, 6, 10, 11, 0, 0, TimeSpan.Zero), "America/Chicago"));

        Assert.Equal(GuardrailOutcome.Defer, decision.Outcome);
        Assert.Equal(GuardrailReason.QuietHours, decision.Reason);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 13, 0, 0, TimeSpan.Zero), decision.DeferUntil);
        Assert.Equal(TimeSpan.Zero, decision.DeferUntil!.Value.Offset);
        Assert.Equal(
            "Outside the send window (08:00–21:00) in America/Chicago; next allowed at 2025-06-10 08:00 America/Chicago (2025-06-10 13:00 UTC).",
            decision.Explanation);
    }

    [Fact]
    public void The_current_instant_may_arrive_with_any_offset()
    {
        var sameInstant = Midday.ToOffset(TimeSpan.FromHours(-7));

        Assert.True(GuardrailPolicy.Evaluate(Clear(sameInstant)).IsAllowed);
    }

    [Fact]
    public void A_team_window_narrows_the_legal_window()
    {
        var request = Clear(Midday) with { TeamWindow = new SendWindow(new TimeOnly(13, 0), new TimeOnly(17, 0)) };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailOutcome.Defer, decision.Outcome);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 17, 0, 0, TimeSpan.Zero), decision.DeferUntil);
    }

    [Fact]
    public void A_team_window_cannot_widen_the_legal_window()
    {
        // 22:00 in New York.
        var request = Clear(new DateTimeOffset(2025, 6, 11, 2, 0, 0, TimeSpan.Zero)) with
        {
            TeamWindow = new SendWindow(new TimeOnly(0, 0), new TimeOnly(23, 59)),
        };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailOutcome.Defer, decision.Outcome);
        Assert.Equal(new DateTimeOffset(2025, 6, 11, 12, 0, 0, TimeSpan.Zero), decision.DeferUntil);
    }

    [Fact]
    public void A_team_window_with_no_time_blocks_rather_than_deferring_forever()
    {
        var request = Clear(Midday) with { TeamWindow = new SendWindow(new TimeOnly(22, 0), new TimeOnly(23, 0)) };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailOutcome.Block, decision.Outcome);
        Assert.Equal(GuardrailReason.QuietHours, decision.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Mars/Olympus_Mons")]
    public void An_unknown_zone_waits_until_the_window_holds_from_new_york_to_los_angeles(string? zone)
    {
        // 11:00 in New York but 05:00 in Los Angeles (14 January 2025).
        var decision = GuardrailPolicy.Evaluate(Clear(new DateTimeOffset(2025, 1, 14, 16, 0, 0, TimeSpan.Zero), zone));
        var early = GuardrailPolicy.Evaluate(Clear(new DateTimeOffset(2025, 1, 14, 13, 0, 0, TimeSpan.Zero), zone));

        Assert.True(decision.IsAllowed);
        Assert.Equal(GuardrailOutcome.Defer, early.Outcome);
        Assert.Equal(GuardrailReason.QuietHours, early.Reason);
        Assert.Equal(new DateTimeOffset(2025, 1, 14, 16, 0, 0, TimeSpan.Zero), early.DeferUntil);
        Assert.Contains("Eastern, Central, Mountain and Pacific", early.Explanation);
    }

    [Fact]
    public void An_unknown_zone_stops_at_nine_in_new_york_even_while_california_is_still_open()
    {
        // 21:00 in New York, 18:00 in Los Angeles.
        var decision = GuardrailPolicy.Evaluate(Clear(new DateTimeOffset(2025, 6, 11, 1, 0, 0, TimeSpan.Zero), zone: null));

        Assert.Equal(GuardrailOutcome.Defer, decision.Outcome);
        Assert.Equal(new DateTimeOffset(2025, 6, 11, 15, 0, 0, TimeSpan.Zero), decision.DeferUntil);
    }

    [Fact]
    public void An_unknown_zone_with_a_window_too_narrow_for_the_continent_is_blocked()
    {
        var request = Clear(Midday, zone: null) with { TeamWindow = new SendWindow(new TimeOnly(9, 0), new TimeOnly(10, 0)) };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailOutcome.Block, decision.Outcome);
        Assert.Equal(GuardrailReason.QuietHours, decision.Reason);
        Assert.Contains("Set the recipient's time zone", decision.Explanation);
    }

    [Fact]
    public void A_deferred_message_is_allowed_at_the_moment_it_was_deferred_to()
    {
        var first = GuardrailPolicy.Evaluate(Clear(new DateTimeOffset(2025, 3, 9, 3, 0, 0, TimeSpan.Zero)));

        var retry = GuardrailPolicy.Evaluate(Clear(first.DeferUntil!.Value));
        var justBefore = GuardrailPolicy.Evaluate(Clear(first.DeferUntil!.Value.AddSeconds(-1)));

        Assert.True(retry.IsAllowed);
        Assert.Equal(GuardrailOutcome.Defer, justBefore.Outcome);
    }
}
