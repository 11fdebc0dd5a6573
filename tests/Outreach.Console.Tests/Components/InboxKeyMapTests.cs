using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Inbox;
using Outreach.Domain.Inbox;

namespace Outreach.Console.Tests.Components;

public class InboxKeyMapTests : ComponentTestContext
{
    [Theory]
    [InlineData("j", InboxCommand.Next)]
    [InlineData("k", InboxCommand.Previous)]
    [InlineData("Enter", InboxCommand.Open)]
    [InlineData("x", InboxCommand.ToggleSelection)]
    [InlineData("?", InboxCommand.Help)]
    [InlineData("e", InboxCommand.DoneAndNext)]
    [InlineData("a", InboxCommand.AssignToMe)]
    [InlineData("s", InboxCommand.Snooze)]
    [InlineData("r", InboxCommand.Reply)]
    [InlineData("/", InboxCommand.Search)]
    [InlineData("Escape", InboxCommand.Leave)]
    public void Each_key_does_what_the_help_says(string key, InboxCommand command)
    {
        Assert.Equal(command, InboxKeyMap.Resolve(key)?.Command);
    }

    [Fact]
    public void The_number_keys_move_to_the_buckets_in_the_order_of_the_tabs()
    {
        var buckets = new[] { "1", "2", "3", "4", "5" }.Select(k => InboxKeyMap.Resolve(k)).ToList();

        Assert.All(buckets, b => Assert.Equal(InboxCommand.MoveTo, b?.Command));
        Assert.Equal(
            [InboxBucket.EmailCaptures, InboxBucket.HotResponses, InboxBucket.Objections, InboxBucket.DoNotContact, InboxBucket.Other],
            buckets.Select(b => b!.Bucket!.Value).ToArray());
    }

    [Theory]
    [InlineData("J")]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("q")]
    [InlineData(" ")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_keys_are_not_shortcuts(string? key)
    {
        Assert.Null(InboxKeyMap.Resolve(key));
    }

    [Fact]
    public void The_browser_sends_only_the_keys_the_page_acts_on_and_keeps_the_focus_keys_to_itself()
    {
        Assert.Equal(["j", "k", "Enter", "x", "?", "e", "a", "s", "1", "2", "3", "4", "5"], InboxKeyMap.ServerKeys);
        Assert.All(["r", "/", "Escape"], key => Assert.True(InboxKeyMap.Resolve(key)!.InBrowser));
    }

    [Fact]
    public void The_help_lists_every_key_of_the_map_and_nothing_else()
    {
        var helped = InboxKeyMap.Help.SelectMany(h => h.Keys.Split(' ')).ToList();

        Assert.All(helped, key => Assert.NotNull(InboxKeyMap.Resolve(key)));
        Assert.Equal(InboxKeyMap.ServerKeys.Concat(["r", "/", "Escape"]).Order(), helped.Order());
        Assert.Contains(InboxKeyMap.Help, h => h.Keys == "1 2 3 4 5" && h.Action == "Move to E-mail captures, Hot responses, Objections, Do not contact, Other");
    }

    [Fact]
    public async Task The_shortcut_dialog_shows_each_line_of_the_help_with_its_keys()
    {
        var host = RenderDialogHost();

        await host.InvokeAsync(() => ShortcutHelp.ShowAsync(Services.GetRequiredService<IDialogService>()));

        var rows = host.WaitForElements("[data-testid=shortcut]");
        Assert.Equal(InboxKeyMap.Help.Count, rows.Count);
        Assert.Equal(["j", "k"], rows[0].QuerySelectorAll("kbd").Select(k => k.TextContent).ToArray());
        Assert.Equal("Esc", host.FindAll("[data-testid=shortcut]").Single(r => r.TextContent.Contains("Leave the text box")).QuerySelector("kbd")!.TextContent);
        host.Find("[data-testid=shortcut-close]").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=shortcut-help]")));
    }
}
