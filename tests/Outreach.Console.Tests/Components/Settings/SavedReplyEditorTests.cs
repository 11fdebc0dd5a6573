using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Settings;
using Outreach.Domain.Inbox;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Inbox;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Console.Tests.Components.Settings;

public class SavedReplyEditorTests : ComponentTestContext
{
    private readonly FakeDbContextFactory _database = new();

    public SavedReplyEditorTests()
    {
        Services.AddSingleton(TestMember.Create(TeamRole.Agent));
        Services.AddSingleton(new ReplyTemplates(_database, new TenantScope(), TimeProvider.System));
    }

    [Fact]
    public async Task Saving_with_no_name_and_no_reply_says_what_is_missing_under_each_field_and_saves_nothing()
    {
        var host = await OpenAsync();

        host.Find("[data-testid=reply-save]").Click();

        Assert.Equal("true", host.Find("[data-testid=reply-name]").GetAttribute("aria-invalid"));
        Assert.Equal("true", host.Find("[data-testid=reply-body]").GetAttribute("aria-invalid"));
        Assert.Contains("Give the saved reply a name.", host.Markup);
        Assert.Contains("Write the reply.", host.Markup);
        Assert.Equal(0, _database.Requests);
        Assert.NotEmpty(host.FindAll("[data-testid=reply-editor]"));
    }

    [Fact]
    public async Task A_variable_left_open_is_refused_before_anything_is_saved()
    {
        var host = await OpenAsync();

        host.Find("[data-testid=reply-name]").Input("Ask for a call");
        host.Find("[data-testid=reply-body]").Input("Hi {{firstName|there, can we talk?");
        host.Find("[data-testid=reply-save]").Click();

        Assert.Equal("false", host.Find("[data-testid=reply-name]").GetAttribute("aria-invalid"));
        Assert.Equal("true", host.Find("[data-testid=reply-body]").GetAttribute("aria-invalid"));
        Assert.Contains("A {{ is not closed", host.Markup);
        Assert.Equal(0, _database.Requests);
    }

    [Fact]
    public async Task The_variables_a_reply_uses_are_listed_an_unknown_one_is_pointed_out_and_the_previews_fill_them_in()
    {
        var host = await OpenAsync();

        host.Find("[data-testid=reply-body]").Input("Hi {{firstName|there}}, {{senderName}} here about {{company|your business}}. Size {{shoeSize|?}}");

        Assert.Equal("Uses {{firstName}}, {{senderName}}, {{company}}, {{shoeSize}}", Text(host, "reply-variables"));
        var unknown = Assert.Single(host.FindAll("[data-testid=reply-unknown-variable]"));
        Assert.Contains("{{shoeSize}} is not a prospect variable", unknown.TextContent);
        Assert.Equal("Hi Dale, Ana Agent here about Lone Star HVAC. Size ?", Text(host, "reply-preview-known"));
        Assert.Equal("Hi there,  here about your business. Size ?", Text(host, "reply-preview-blank"));
    }

    [Fact]
    public async Task A_variable_picked_from_the_list_is_added_to_the_reply_with_its_fallback_where_it_has_one()
    {
        var host = await OpenAsync();
        host.Find("[data-testid=reply-body]").Input("Thanks");

        host.Find("[data-testid=insert-firstName]").Click();
        host.Find("[data-testid=insert-company]").Click();

        Assert.Equal("Thanks {{firstName|there}} {{company}}", host.Find("[data-testid=reply-body]").GetAttribute("value") ?? host.Find("[data-testid=reply-body]").TextContent);
    }

    [Fact]
    public async Task Editing_starts_from_the_saved_name_and_text()
    {
        var template = ReplyTemplate.Create(TestMember.TeamId, "Wrong number", "Sorry {{firstName|}}, wrong number.", TimeProvider.System);

        var host = await OpenAsync(template);

        Assert.Equal("Edit saved reply", host.Find("[data-testid=reply-editor] h2, h2").TextContent);
        Assert.Equal("Wrong number", host.Find("[data-testid=reply-name]").GetAttribute("value"));
        Assert.Equal("Sorry , wrong number.", Text(host, "reply-preview-blank"));
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(ReplyTemplate? template = null)
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await host.InvokeAsync(() => dialogs.ShowAsync<SavedReplyEditor>("Saved reply",
            new DialogParameters<SavedReplyEditor> { { e => e.Template, template } }));
        host.WaitForElement("[data-testid=reply-save]");
        return host;
    }

    private static string Text(IRenderedComponent<MudDialogProvider> host, string testId) =>
        host.Find($"[data-testid={testId}]").TextContent.Trim();
}
