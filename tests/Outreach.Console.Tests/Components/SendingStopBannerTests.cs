using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Console.Features.KillSwitch;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Auditing;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Events;

namespace Outreach.Console.Tests.Components;

public class SendingStopBannerTests : ComponentTestContext
{
    private readonly FakeLiveEvents _events = new();
    private readonly StopsSource _stops = new();

    public SendingStopBannerTests()
    {
        Services.AddSingleton<ILiveEventStream>(_events);
        Services.AddSingleton(TestMember.Create(TeamRole.Manager));
        Services.AddScoped<TeamEvents>();
        Services.AddSingleton<IKillSwitches>(_stops);
    }

    [Fact]
    public void Nothing_shows_while_nothing_is_stopped()
    {
        var cut = Render<SendingStopBanner>();

        Assert.Empty(cut.FindAll("[data-testid=stop-banner]"));
    }

    [Fact]
    public void A_team_stop_says_all_sending_of_the_team_is_stopped_by_whom_and_offers_resume_in_place()
    {
        _stops.Current = new SendingStops(null, new StopInfo(null, "Ana Agent", DateTimeOffset.UtcNow.AddMinutes(-3)), null);

        var cut = Render<SendingStopBanner>();

        var banner = cut.Find("[data-testid=stop-banner]");
        Assert.Equal("team", banner.GetAttribute("data-kind"));
        Assert.Contains("All sending of Acme Outbound is stopped", banner.TextContent);
        Assert.Contains("by Ana Agent", banner.TextContent);
        Assert.Equal("No reason given yet.", cut.Find("[data-testid=stop-reason]").TextContent);
        Assert.Equal("Resume all sending", cut.Find("[data-testid=team-resume]").TextContent.Trim());
        Assert.DoesNotContain("team_paused", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pause all sending", cut.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_stop_engaged_elsewhere_shows_when_its_live_event_arrives()
    {
        var cut = Render<SendingStopBanner>();
        _stops.Current = new SendingStops(null, null, new StopInfo("Carrier complaint", "Sam", DateTimeOffset.UtcNow));

        await _events.PublishAsync(TestMember.TeamId, LiveEventKinds.KillSwitchChanged);

        cut.WaitForAssertion(() => Assert.Equal("sms", cut.Find("[data-testid=stop-banner]").GetAttribute("data-kind")));
        Assert.Equal("Reason: Carrier complaint.", cut.Find("[data-testid=stop-reason]").TextContent);
    }

    private sealed class StopsSource : IKillSwitches
    {
        public SendingStops Current { get; set; } = SendingStops.None;

        public Task<SendingStops> StopsAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

        public Task<KillSwitchAck> StopAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task ExplainAsync(KillSwitchKind kind, Guid? campaignId, string reason, AuditActor actor, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task ResumeAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
