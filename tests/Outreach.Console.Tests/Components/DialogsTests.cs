using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Components.Dialogs;

namespace Outreach.Console.Tests.Components;

public class DialogsTests : ComponentTestContext
{
    [Fact]
    public async Task A_reason_is_required_and_returned_trimmed()
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var asking = await AskAsync(host, () => dialogs.AskReasonAsync("Remove +15125550100?", confirmText: "Remove"));
        host.Find("[data-testid=reason-confirm]").Click();

        host.WaitForAssertion(() => Assert.Contains("Say why; the reason is kept in the audit log.", host.Markup));
        Assert.False(asking.IsCompleted);

        host.Find("[data-testid=reason-input]").Input("  Customer asked to be contacted again.  ");
        host.Find("[data-testid=reason-confirm]").Click();

        Assert.Equal("Customer asked to be contacted again.", await asking.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancelling_a_reason_returns_nothing()
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var asking = await AskAsync(host, () => dialogs.AskReasonAsync("Stopped all sending", cancelText: "Skip", danger: false));
        Assert.Equal("Skip", host.Find("[data-testid=reason-cancel]").TextContent.Trim());
        host.Find("[data-testid=reason-cancel]").Click();

        Assert.Null(await asking.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_label_is_asked_for_by_its_name_and_confirmed_with_enter()
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var asking = await AskAsync(host, () => dialogs.AskTagAsync("Add a label", noun: "Label"));
        Assert.Equal("Add label", host.Find("[data-testid=tag-confirm]").TextContent.Trim());
        var input = host.Find("[data-testid=tag-input]");
        input.Input("callback-friday");
        input.KeyDown("Enter");

        Assert.Equal("callback-friday", await asking.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_empty_tag_is_refused_beside_the_field()
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var asking = await AskAsync(host, () => dialogs.AskTagAsync("Remove a tag", add: false));
        host.Find("[data-testid=tag-confirm]").Click();

        host.WaitForAssertion(() => Assert.Contains("Type the tag.", host.Markup));
        Assert.False(asking.IsCompleted);
    }

    /// <summary>Opens the dialog on the renderer without waiting for its answer.</summary>
    private static async Task<Task<string?>> AskAsync(IRenderedComponent<MudDialogProvider> host, Func<Task<string?>> ask)
    {
        Task<string?> asking = null!;
        await host.InvokeAsync(() => { asking = ask(); });
        return asking;
    }
}
