using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Tasks;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Inbox;

namespace Outreach.Console.Tests.Components;

public class TaskAssignPromptTests : ComponentTestContext
{
    private static readonly TeamMember Owner = new(Guid.Parse("4d7f1e0a-2b3c-4d5e-8f90-a1b2c3d4e5f6"), "Demo Owner", TeamRole.Owner);
    private static readonly TeamMember Viewer = new(Guid.Parse("9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d"), "Vic Viewer", TeamRole.Viewer);

    [Fact]
    public async Task It_opens_on_the_current_assignee_and_assign_closes_with_that_choice()
    {
        var (host, dialog) = await OpenAsync(TaskAssignees.Key(Owner.UserId, null));

        Assert.Equal("Demo Owner", host.Find("[data-testid=task-assign-choice]").GetAttribute("value"));
        host.Find("[data-testid=task-assign-confirm]").Click();

        var result = await dialog.Result;
        var choice = Assert.IsType<AssigneeChoice>(result!.Data);
        Assert.False(result.Canceled);
        Assert.Equal((Owner.UserId, (TeamRole?)null), (choice.UserId, choice.Role));
    }

    [Fact]
    public async Task An_assignee_who_is_no_longer_a_choice_starts_on_the_whole_team()
    {
        var (host, dialog) = await OpenAsync(TaskAssignees.Key(Guid.NewGuid(), null));

        Assert.Equal("Whole team (anyone can take it)", host.Find("[data-testid=task-assign-choice]").GetAttribute("value"));
        host.Find("[data-testid=task-assign-confirm]").Click();

        var choice = Assert.IsType<AssigneeChoice>((await dialog.Result)!.Data);
        Assert.Equal(TaskAssignees.WholeTeam, choice.Key);
    }

    [Fact]
    public async Task Cancel_gives_no_choice()
    {
        var (host, dialog) = await OpenAsync(null);

        host.Find("[data-testid=task-assign-cancel]").Click();

        Assert.True((await dialog.Result)!.Canceled);
    }

    [Fact]
    public void Viewers_are_not_among_the_choices_but_every_role_and_the_whole_team_are()
    {
        var choices = TaskAssignees.Choices([Owner, Viewer]);

        Assert.DoesNotContain(choices, c => c.UserId == Viewer.UserId);
        Assert.Equal(["Whole team (anyone can take it)", "Any agent", "Any manager", "Any admin", "Demo Owner"], choices.Select(c => c.Text));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Host, IDialogReference Dialog)> OpenAsync(string? current)
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IReadOnlyList<TeamMember> members = [Owner, Viewer];
        var dialog = await host.InvokeAsync(() => dialogs.ShowAsync<TaskAssignPrompt>("Assign task", new DialogParameters<TaskAssignPrompt>
        {
            { p => p.Members, members },
            { p => p.Current, current },
        }));
        host.WaitForElement("[data-testid=task-assign-prompt]");
        return (host, dialog);
    }
}
