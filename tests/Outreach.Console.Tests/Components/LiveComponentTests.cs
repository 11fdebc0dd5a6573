using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Console.Features.Shared;
using Outreach.Infrastructure.Events;

namespace Outreach.Console.Tests.Components;

public class LiveComponentTests : ComponentTestContext
{
    private readonly FakeLiveEvents _events = new();

    public LiveComponentTests()
    {
        Services.AddSingleton<ILiveEventStream>(_events);
        Services.AddSingleton(TestMember.Create());
        Services.AddScoped<TeamEvents>();
    }

    [Fact]
    public async Task A_load_that_started_earlier_never_overwrites_one_that_started_later()
    {
        var probe = Render<Probe>();
        var older = new TaskCompletionSource<string>();
        var newer = new TaskCompletionSource<string>();

        var first = probe.InvokeAsync(() => probe.Instance.Load(older.Task));
        var second = probe.InvokeAsync(() => probe.Instance.Load(newer.Task));
        newer.SetResult("after the change");
        await second;
        older.SetResult("before the change");
        await first;

        Assert.Equal("after the change", probe.Find("[data-testid=shown]").TextContent);
    }

    [Fact]
    public async Task A_live_event_of_a_subscribed_kind_refreshes_and_other_kinds_do_not()
    {
        var probe = Render<Probe>(p => p.Add(c => c.Kinds, [LiveEventKinds.MessageReceived]));

        await _events.PublishAsync(TestMember.TeamId, LiveEventKinds.AuditRecorded);
        Assert.Equal(0, probe.Instance.Refreshes);

        await _events.PublishAsync(TestMember.TeamId, LiveEventKinds.MessageReceived);
        probe.WaitForAssertion(() => Assert.Equal(1, probe.Instance.Refreshes));
        Assert.Equal([LiveEventKinds.MessageReceived], probe.Instance.Seen);
    }

    [Fact]
    public async Task Disposing_stops_the_subscription_the_timer_and_a_load_in_flight()
    {
        var probe = Render<Probe>(p => p.Add(c => c.Kinds, [LiveEventKinds.MessageReceived]).Add(c => c.Every, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(1, _events.Subscribers);
        var inFlight = new TaskCompletionSource<string>();
        var load = probe.InvokeAsync(() => probe.Instance.Load(inFlight.Task));
        var instance = probe.Instance;
        var token = instance.Token;

        await probe.InvokeAsync(() => DisposeComponentsAsync());
        inFlight.SetResult("too late");
        await load;
        var refreshesAtDispose = instance.Refreshes;
        await _events.PublishAsync(TestMember.TeamId, LiveEventKinds.MessageReceived);
        await Task.Delay(100);

        Assert.Equal(0, _events.Subscribers);
        Assert.True(token.IsCancellationRequested);
        Assert.Equal(refreshesAtDispose, instance.Refreshes);
        Assert.Null(instance.Shown);
    }

    [Fact]
    public async Task A_refresh_that_fails_reaches_the_error_boundary()
    {
        var cut = Render<ErrorBoundary>(p => p
            .Add(b => b.ChildContent, (RenderFragment)(builder =>
            {
                builder.OpenComponent<Probe>(0);
                builder.AddAttribute(1, nameof(Probe.Kinds), new[] { LiveEventKinds.MessageReceived });
                builder.AddAttribute(2, nameof(Probe.Fail), true);
                builder.CloseComponent();
            }))
            .Add(b => b.ErrorContent, (RenderFragment<Exception>)(ex => builder => builder.AddContent(0, "failed: " + ex.Message))));

        await _events.PublishAsync(TestMember.TeamId, LiveEventKinds.MessageReceived);

        cut.WaitForAssertion(() => Assert.Contains("failed: the database went away", cut.Markup));
    }

    private sealed class Probe : LiveComponent
    {
        [Parameter] public string[]? Kinds { get; set; }
        [Parameter] public TimeSpan? Every { get; set; }
        [Parameter] public bool Fail { get; set; }

        public int Refreshes { get; private set; }
        public List<string> Seen { get; } = [];
        public string? Shown { get; private set; }
        public CancellationToken Token => Disposing;

        protected override void OnInitialized()
        {
            if (Kinds is not null)
            {
                RefreshOn(Kinds);
            }
            if (Every is { } period)
            {
                RefreshEvery(period);
            }
        }

        public Task Load(Task<string> read) => LoadAsync(_ => read, value => Shown = value);

        protected override void OnLiveEvent(LiveEvent liveEvent) => Seen.Add(liveEvent.Kind);

        protected override Task RefreshAsync()
        {
            Refreshes++;
            return Fail ? throw new InvalidOperationException("the database went away") : Task.CompletedTask;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "data-testid", "shown");
            builder.AddContent(2, Shown);
            builder.CloseElement();
        }
    }
}
