using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Inbox;
using Outreach.Domain.Inbox;

namespace Outreach.Console.Tests.Components;

/// <summary>The inbox's Move and Snooze dialogs: what they refuse, and what they hand back.</summary>
public class InboxDialogTests : ComponentTestContext
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    // Monday 2026-12-07 12:00 in Chicago.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    public InboxDialogTests() => Services.AddSingleton<TimeProvider>(new FixedClock(Now));

    private IDialogService Dialogs => Services.GetRequiredService<IDialogService>();

    [Fact]
    public async Task Move_asks_for_a_bucket_other_than_the_current_one_and_hands_back_the_bucket_and_the_trimmed_reason()
    {
        var host = RenderDialogHost();
        Task<MovePrompt.MoveChoice?> asked = null!;
        await host.InvokeAsync(() => { asked = MovePrompt.AskAsync(Dialogs, InboxBucket.HotResponses); });

        host.WaitForElement("[data-testid=move-confirm]").Click();
        Assert.Equal("Pick the bucket to move to.", host.Find("[data-testid=move-bucket-error]").TextContent);
        host.Find("[data-testid=move-bucket-HotResponses]").Click();
        host.Find("[data-testid=move-confirm]").Click();
        Assert.Equal("It is in Hot responses already; pick another bucket.", host.Find("[data-testid=move-bucket-error]").TextContent);
        Assert.False(asked.IsCompleted);

        host.Find("[data-testid=move-bucket-Objections]").Click();
        Assert.Empty(host.FindAll("[data-testid=move-bucket-error]"));
        host.Find("input[data-testid=move-reason], [data-testid=move-reason] input").Input("  Wants a price first  ");
        host.Find("[data-testid=move-confirm]").Click();

        Assert.Equal(new MovePrompt.MoveChoice(InboxBucket.Objections, "Wants a price first"), await asked.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Move_of_a_selection_has_no_current_bucket_a_blank_reason_is_none_and_cancel_moves_nothing()
    {
        var host = RenderDialogHost();
        Task<MovePrompt.MoveChoice?> asked = null!;
        await host.InvokeAsync(() => { asked = MovePrompt.AskAsync(Dialogs, current: null, count: 3); });

        host.WaitForElement("[data-testid=move-prompt]");
        Assert.Equal("Move 3 conversations", host.Find("[role=dialog] h2").TextContent);
        host.Find("[data-testid=move-bucket-HotResponses]").Click();
        host.Find("[data-testid=move-confirm]").Click();
        Assert.Equal(new MovePrompt.MoveChoice(InboxBucket.HotResponses, null), await asked.WaitAsync(TimeSpan.FromSeconds(5)));

        await host.InvokeAsync(() => { asked = MovePrompt.AskAsync(Dialogs, InboxBucket.Other); });
        host.WaitForElement("[data-testid=move-cancel]").Click();
        Assert.Null(await asked.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Snooze_hands_back_a_presets_moment_in_the_teams_zone()
    {
        var host = RenderDialogHost();
        Task<DateTimeOffset?> asked = null!;
        await host.InvokeAsync(() => { asked = SnoozePrompt.AskAsync(Dialogs, Chicago); });

        var presets = host.WaitForElements("[data-testid=snooze-preset]");
        Assert.Equal(Snooze.Presets(Now, Chicago).Select(p => p.Label), presets.Select(p => p.QuerySelector(".oc-snooze-preset-label")!.TextContent));
        Assert.Contains("In the team's time zone, America/Chicago.", host.Find("[data-testid=snooze-prompt]").TextContent);
        presets[2].Click();

        // Tomorrow 9:00 in Chicago is 15:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.FromHours(-6)), await asked.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Snooze_without_a_preset_or_a_day_and_time_says_so_next_to_the_fields_and_stays_open()
    {
        var host = RenderDialogHost();
        Task<DateTimeOffset?> asked = null!;
        await host.InvokeAsync(() => { asked = SnoozePrompt.AskAsync(Dialogs, Chicago); });

        host.WaitForElement("[data-testid=snooze-confirm]").Click();

        Assert.Equal("Pick a preset, or a day and a time.", host.Find("[data-testid=snooze-error]").TextContent);
        Assert.False(asked.IsCompleted);
        host.Find("[data-testid=snooze-cancel]").Click();
        Assert.Null(await asked.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(null, null, "Pick a preset, or a day and a time.")]
    [InlineData("2026-12-08", null, "Pick the time too.")]
    [InlineData(null, "09:00", "Pick the day too.")]
    [InlineData("2026-12-07", "11:59", "Pick a moment in the future.")]
    [InlineData("2027-03-08", "09:00", "Snooze for at most 90 days; mark it done instead.")]
    [InlineData("2027-03-14", "02:30", "02:30 does not exist that day in America/Chicago (the clocks change); pick another time.")]
    public void A_chosen_day_and_time_that_cannot_end_a_snooze_is_refused_with_the_reason(string? day, string? time, string error)
    {
        var (until, message) = SnoozePrompt.Until(
            day is null ? null : DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            time is null ? null : TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture), Chicago, Now);

        Assert.Null(until);
        Assert.Equal(error, message);
    }

    [Fact]
    public void A_chosen_day_and_time_is_read_on_the_teams_clock_across_a_change_of_offset()
    {
        var (winter, _) = SnoozePrompt.Until(new DateTime(2026, 12, 9), new TimeSpan(8, 30, 0), Chicago, Now);
        var (summer, _) = SnoozePrompt.Until(new DateTime(2027, 3, 15), new TimeSpan(8, 30, 0), Chicago, Now.AddDays(80));

        Assert.Equal(new DateTimeOffset(2026, 12, 9, 14, 30, 0, TimeSpan.Zero), winter);
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 13, 30, 0, TimeSpan.Zero), summer);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
