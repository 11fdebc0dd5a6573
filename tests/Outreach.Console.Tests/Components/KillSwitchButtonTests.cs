using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Console.Features.KillSwitch;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Campaigns;

namespace Outreach.Console.Tests.Components;

public class KillSwitchButtonTests : ComponentTestContext
{
    private readonly FakeKillSwitches _switches = new();

    public KillSwitchButtonTests() => Services.AddSingleton<IKillSwitches>(_switches);

    [Theory]
    [InlineData(KillSwitchKind.Team, false, "team-stop", "Stop all sending")]
    [InlineData(KillSwitchKind.Team, true, "team-resume", "Resume all sending")]
    [InlineData(KillSwitchKind.Sms, false, "sms-stop", "Stop SMS")]
    [InlineData(KillSwitchKind.Campaign, true, "campaign-resume", "Resume campaign")]
    public void A_switch_offers_stop_while_off_and_resume_in_the_same_place_while_on(KillSwitchKind kind, bool engaged, string testId, string text)
    {
        Services.AddSingleton(TestMember.Create(TeamRole.Manager));

        var cut = Render<KillSwitchButton>(p => p.Add(b => b.Kind, kind).Add(b => b.Engaged, engaged).Add(b => b.CampaignId, Guid.NewGuid()));

        var button = Assert.Single(cut.FindAll("button"));
        Assert.Equal(testId, button.GetAttribute("data-testid"));
        Assert.Equal(text, button.TextContent.Trim());
    }

    [Theory]
    [InlineData(TeamRole.Agent, KillSwitchKind.Team)]
    [InlineData(TeamRole.Owner, KillSwitchKind.Installation)]
    public void A_member_who_may_not_use_a_switch_does_not_see_it(TeamRole role, KillSwitchKind kind)
    {
        Services.AddSingleton(TestMember.Create(role));

        var cut = Render<KillSwitchButton>(p => p.Add(b => b.Kind, kind));

        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public async Task Stop_stops_at_once_then_asks_why_and_saves_the_reason()
    {
        Services.AddSingleton(TestMember.Create(TeamRole.Manager));
        var host = RenderDialogHost();
        var acks = new List<KillSwitchAck?>();
        var cut = Render<KillSwitchButton>(p => p.Add(b => b.Kind, KillSwitchKind.Team)
            .Add(b => b.Changed, EventCallback.Factory.Create<KillSwitchAck?>(this, acks.Add)));

        // The click's handler runs until the dialog is answered.
        var click = cut.Find("[data-testid=team-stop]").ClickAsync(new());

        // Stopped before any question: the dialog asks afterwards.
        Assert.Equal([(KillSwitchKind.Team, (Guid?)null)], _switches.Stopped);
        Assert.Single(acks);
        host.WaitForAssertion(() => Assert.Contains("Stopped all sending", host.Find("[role=dialog]").TextContent));
        await host.Find("[data-testid=reason-input]").InputAsync(new ChangeEventArgs { Value = "Wrong template" });
        await host.Find("[data-testid=reason-confirm]").ClickAsync(new());

        await click;
        Assert.Equal([(KillSwitchKind.Team, "Wrong template")], _switches.Explained);
        Assert.Equal(2, acks.Count);
    }

    [Fact]
    public async Task Skipping_the_reason_keeps_the_stop_and_saves_nothing()
    {
        Services.AddSingleton(TestMember.Create(TeamRole.Manager));
        var host = RenderDialogHost();
        var campaign = Guid.NewGuid();
        var cut = Render<KillSwitchButton>(p => p.Add(b => b.Kind, KillSwitchKind.Campaign).Add(b => b.CampaignId, campaign).Add(b => b.CampaignName, "Spring"));

        var click = cut.Find("[data-testid=campaign-stop]").ClickAsync(new());
        host.WaitForAssertion(() => Assert.Contains("Stopped \"Spring\"", host.Find("[role=dialog]").TextContent));
        await host.Find("[data-testid=reason-cancel]").ClickAsync(new());
        await click;

        Assert.Equal([(KillSwitchKind.Campaign, (Guid?)campaign)], _switches.Stopped);
        Assert.Empty(_switches.Explained);
    }

    [Fact]
    public async Task Resume_asks_for_confirmation_first()
    {
        Services.AddSingleton(TestMember.Create(TeamRole.Manager));
        var host = RenderDialogHost();
        var cut = Render<KillSwitchButton>(p => p.Add(b => b.Kind, KillSwitchKind.Sms).Add(b => b.Engaged, true));

        var click = cut.Find("[data-testid=sms-resume]").ClickAsync(new());
        host.WaitForAssertion(() => Assert.Contains("Held messages start leaving again", host.Find("[role=dialog]").TextContent));
        Assert.Empty(_switches.Resumed);
        await host.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Resume").ClickAsync(new());
        await click;

        Assert.Equal([KillSwitchKind.Sms], _switches.Resumed);
    }

    [Fact]
    public async Task A_refused_stop_is_said_beside_the_button()
    {
        Services.AddSingleton(TestMember.Create(TeamRole.Manager));
        _switches.Refusal = "This campaign does not exist.";
        var cut = Render<KillSwitchButton>(p => p.Add(b => b.Kind, KillSwitchKind.Campaign).Add(b => b.CampaignId, Guid.NewGuid()));

        await cut.Find("[data-testid=campaign-stop]").ClickAsync(new());

        Assert.Equal("Not stopped: This campaign does not exist.", cut.Find("[data-testid=campaign-problem]").TextContent);
    }

    private sealed class FakeKillSwitches : IKillSwitches
    {
        public List<(KillSwitchKind, Guid?)> Stopped { get; } = [];
        public List<(KillSwitchKind, string)> Explained { get; } = [];
        public List<KillSwitchKind> Resumed { get; } = [];
        public string? Refusal { get; set; }

        public Task<SendingStops> StopsAsync(CancellationToken cancellationToken) => Task.FromResult(SendingStops.None);

        public Task<KillSwitchAck> StopAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken)
        {
            if (Refusal is not null)
            {
                throw new DomainException(Refusal);
            }
            Stopped.Add((kind, campaignId));
            return Task.FromResult(new KillSwitchAck(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(40), []));
        }

        public Task ExplainAsync(KillSwitchKind kind, Guid? campaignId, string reason, AuditActor actor, CancellationToken cancellationToken)
        {
            Explained.Add((kind, reason));
            return Task.CompletedTask;
        }

        public Task ResumeAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken)
        {
            Resumed.Add(kind);
            return Task.CompletedTask;
        }
    }
}
