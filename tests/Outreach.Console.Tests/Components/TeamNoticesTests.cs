using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Automation;
using Outreach.Console.Features.Shared;
using Outreach.Infrastructure.Events;

namespace Outreach.Console.Tests.Components;

public class TeamNoticesTests : ComponentTestContext
{
    private readonly NoticeStream _stream = new();

    public TeamNoticesTests()
    {
        Services.AddSingleton<ILiveEventStream>(_stream);
        Services.AddSingleton(TestMember.Create());
        Services.AddScoped<TeamEvents>();
    }

    [Fact]
    public async Task A_rule_s_notice_shows_as_a_snackbar_that_opens_the_conversation()
    {
        var snackbars = Render<MudSnackbarProvider>();
        Render<TeamNotices>();
        var conversation = Guid.NewGuid();

        await _stream.PublishAsync(LiveEventKinds.TeamNotice, ("rule", "Tell everyone"), ("text", "A prospect wrote back"), ("conversationId", conversation.ToString()));

        snackbars.WaitForAssertion(() =>
        {
            var notice = snackbars.Find("[data-testid=team-notice]");
            Assert.Contains("Rule: Tell everyone", notice.TextContent);
            Assert.Contains("A prospect wrote back", notice.TextContent);
        });
        await snackbars.InvokeAsync(() => snackbars.FindAll("button").Single(b => b.TextContent.Trim() == "Open").Click());
        Assert.EndsWith($"/inbox/{conversation}", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_resync_or_a_notice_without_text_shows_nothing()
    {
        var snackbars = Render<MudSnackbarProvider>();
        Render<TeamNotices>();

        await _stream.PublishAsync(LiveEventKinds.Resync);
        await _stream.PublishAsync(LiveEventKinds.TeamNotice, ("rule", "Tell everyone"), ("text", " "));
        await _stream.PublishAsync(LiveEventKinds.TeamNotice, ("rule", "Tell everyone"), ("text", "Only this one"));

        snackbars.WaitForAssertion(() => Assert.Single(snackbars.FindAll("[data-testid=team-notice]")));
        Assert.Contains("Only this one", snackbars.Markup);
    }

    /// <summary>The team's live events with the data a notice carries.</summary>
    private sealed class NoticeStream : ILiveEventStream
    {
        private readonly List<Func<LiveEvent, Task>> _handlers = [];

        public IDisposable Subscribe(Guid teamId, Func<LiveEvent, Task> handler)
        {
            lock (_handlers)
            {
                _handlers.Add(handler);
            }
            return new Unsubscribe(() => { lock (_handlers) { _handlers.Remove(handler); } });
        }

        public async Task PublishAsync(string kind, params (string Key, string? Value)[] data)
        {
            List<Func<LiveEvent, Task>> handlers;
            lock (_handlers)
            {
                handlers = [.. _handlers];
            }
            var liveEvent = new LiveEvent(TestMember.TeamId, kind, data.ToDictionary(d => d.Key, d => d.Value), DateTimeOffset.UtcNow);
            foreach (var handler in handlers)
            {
                await handler(liveEvent);
            }
        }

        private sealed class Unsubscribe(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
