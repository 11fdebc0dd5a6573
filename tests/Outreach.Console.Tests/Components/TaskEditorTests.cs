using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Tasks;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Inbox;
using Outreach.Infrastructure.Tasks;

namespace Outreach.Console.Tests.Components;

/// <summary>
/// The task editor's own rules: what it asks for, in the team's zone and on a 24-hour clock, and the errors beside
/// the fields. The task service here has no database: a save that reached it would fail the test.
/// </summary>
public class TaskEditorTests : ComponentTestContext
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    // 2026-12-07 17:52 UTC is 11:52 in Chicago.
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 12, 7, 17, 52, 30, TimeSpan.Zero));

    public TaskEditorTests()
    {
        Services.AddSingleton(TestMember.Create());
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton(new OperatorTasks(null!, null!, null!, null!, _clock));
    }

    [Fact]
    public async Task A_new_task_is_due_in_an_hour_on_the_next_quarter_hour_of_the_teams_clock_written_in_24_hours()
    {
        var host = await OpenAsync();

        Assert.Equal("2026-12-07", host.Find("[data-testid=task-due]").GetAttribute("value"));
        Assert.Equal("13:00", host.Find("[data-testid=task-due-time]").GetAttribute("value"));
        Assert.Contains("America/Chicago", host.Markup);
    }

    [Fact]
    public async Task Saving_without_a_title_says_what_is_missing_beside_the_title_and_keeps_the_dialog_open()
    {
        var host = await OpenAsync();

        host.Find("[data-testid=task-save]").Click();

        host.WaitForAssertion(() => Assert.Contains("Say what needs doing.", TextAround(host, "task-title")));
        Assert.DoesNotContain("Pick", TextAround(host, "task-due"));
        Assert.Single(host.FindAll("[data-testid=task-editor]"));
    }

    [Fact]
    public async Task Typing_a_title_takes_its_error_away()
    {
        var host = await OpenAsync();
        host.Find("[data-testid=task-save]").Click();
        host.WaitForAssertion(() => Assert.Contains("Say what needs doing.", TextAround(host, "task-title")));

        host.Find("[data-testid=task-title]").Input("Call back about the offer");

        host.WaitForAssertion(() => Assert.DoesNotContain("Say what needs doing.", TextAround(host, "task-title")));
    }

    [Fact]
    public void A_day_without_a_time_and_a_time_the_clocks_skip_are_refused_with_their_reason()
    {
        var (missing, _) = TaskEditor.Validate("Call", new DateTime(2026, 12, 8), null, Chicago);
        var (skipped, _) = TaskEditor.Validate("Call", new DateTime(2026, 3, 8), new TimeSpan(2, 30, 0), Chicago);

        Assert.Equal("Pick the time too.", missing[TaskEditor.DueField]);
        Assert.Contains("does not exist that day in America/Chicago", skipped[TaskEditor.DueField]);
    }

    [Fact]
    public void A_day_and_a_time_are_read_on_the_teams_clock()
    {
        var (errors, due) = TaskEditor.Validate("  Call back  ", new DateTime(2026, 7, 1), new TimeSpan(9, 15, 0), Chicago);

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 14, 15, 0, TimeSpan.Zero), due!.Value.ToUniversalTime());
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IReadOnlyList<TeamMember> members = [new(TestMember.UserId, "Ana Agent", TeamRole.Agent)];
        await host.InvokeAsync(() => dialogs.ShowAsync<TaskEditor>("New task", new DialogParameters<TaskEditor>
        {
            { e => e.Members, members },
            { e => e.Zone, Chicago },
        }));
        host.WaitForElement("[data-testid=task-editor]");
        return host;
    }

    /// <summary>The text of the field around the input with this test id: its label, value and error.</summary>
    private static string TextAround(IRenderedComponent<MudDialogProvider> host, string testId) =>
        host.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;
}

/// <summary>A clock that stays where the test puts it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
