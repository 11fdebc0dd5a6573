using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Domain.Reports;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Reports;
using Outreach.Infrastructure.Tenancy;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Reports;

/// <summary>
/// A small team history whose report was worked out by hand (see <see cref="ReportRollupTests"/>): the week of
/// Monday 2 to Sunday 8 November 2026 in Chicago, the week before it, another team's rows that must never
/// count, and messages just either side of the period's edges (the week starts the day after daylight saving
/// ends, so the edges are 06:00 UTC, the previous week's start 05:00 UTC). The automated first touches belong to
/// two campaigns, "Spring outreach" (a 5.00 cap) and "Fall follow-up" (no cap), at the steps the comments give
/// (stored 0-based); everything a person or the inbox sent belongs to none. The team's monthly budget is 30.00.
/// </summary>
public sealed class ReportDataset : IAsyncLifetime
{
    public const string Zone = "America/Chicago";
    public static readonly ReportPeriod Week = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 8), Zone);
    public static readonly Guid Alice = Guid.Parse("0195a3c0-0000-7000-8000-00000000a11c");
    public static readonly Guid Bob = Guid.Parse("0195a3c0-0000-7000-8000-000000000b0b");

    private TestDatabase _database = null!;

    public IHost Node { get; private set; } = null!;
    public string ConnectionString => _database.ConnectionString;
    public Guid Team { get; private set; }
    public Guid OtherTeam { get; private set; }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("reports");
        Node = await TestNode.StartAsync(_database.ConnectionString, "reports-node");
        var seed = new ReportSeed(_database.ConnectionString);
        Team = await seed.TeamAsync("Report team", Zone);
        OtherTeam = await seed.TeamAsync("Other team", Zone);

        await seed.MonthlyBudgetAsync(Team, 30.00m);
        var spring = await seed.CampaignAsync(Team, "Spring outreach", 5.00m);
        var fall = await seed.CampaignAsync(Team, "Fall follow-up", null);
        var austin = await seed.NumberAsync(Team, "+15122400301", "Austin");
        var dallas = await seed.NumberAsync(Team, "+12142400302", "Dallas");
        var p1 = await seed.ProspectAsync(Team, "+15122411001", "TX", "Construction", "MainStreet", "Pat One");
        var p2 = await seed.ProspectAsync(Team, "+15122411002", "TX", "Retail", "Growth", "Pat Two");
        var p3 = await seed.ProspectAsync(Team, "+13102411003", "CA", "Construction", null, "Pat Three");
        var p4 = await seed.ProspectAsync(Team, "+13102411004", null, null, null, "=HYPERLINK(\"http://evil\")");
        var c1 = await seed.ConversationAsync(Team, p1, austin, "+15122411001");
        var c2 = await seed.ConversationAsync(Team, p2, austin, "+15122411002");
        var c3 = await seed.ConversationAsync(Team, p3, dallas, "+13102411003");
        var c4 = await seed.ConversationAsync(Team, p4, dallas, "+13102411004");
        var c5 = await seed.ConversationAsync(Team, p1, dallas, "+15122411001");

        // The week before: two deliveries and a hot reply from Pat Two, answered by a person only on 4 November.
        await seed.OutboundAsync(Team, c2, "Campaign", "Delivered", Utc(10, 28, 15, 0), 0.0079m, campaign: (spring, 0));
        await seed.OutboundAsync(Team, c2, "Campaign", "Delivered", Utc(10, 29, 15, 0), 0.0079m, campaign: (spring, 1));
        await seed.InboundAsync(Team, c2, "Interested", Utc(10, 29, 15, 30));
        await seed.OutboundAsync(Team, c4, "Campaign", "Delivered", Utc(11, 2, 5, 59), 0.0079m, campaign: (fall, 0)); // 23:59 on 1 November in Chicago
        await seed.LookupAsync(Team, 0.05m, Utc(10, 30, 12, 0));

        // C1: an automated first touch, a hot reply and a question, a person answers 30 minutes after the first.
        await seed.OutboundAsync(Team, c1, "Campaign", "Delivered", Utc(11, 3, 15, 0), 0.0079m, campaign: (spring, 0));
        await seed.InboundAsync(Team, c1, "Interested", Utc(11, 3, 15, 10));
        await seed.InboundAsync(Team, c1, "Question", Utc(11, 3, 15, 20));
        await seed.OutboundAsync(Team, c1, "Manual", "Delivered", Utc(11, 3, 15, 40), 0.0079m, Alice, "Alice Agent");

        // C2: Alice writes, an e-mail comes back, an auto-reply does not stop the clock, Bob answers two hours later.
        await seed.OutboundAsync(Team, c2, "Manual", "Delivered", Utc(11, 4, 16, 0), 0.0158m, Alice, "Alice Agent");
        await seed.InboundAsync(Team, c2, "EmailCaptured", Utc(11, 4, 17, 0), email: "pat.two@example.com");
        await seed.OutboundAsync(Team, c2, "AutoReply", "Delivered", Utc(11, 4, 17, 1), 0.0079m);
        await seed.OutboundAsync(Team, c2, "Manual", "Delivered", Utc(11, 4, 19, 0), 0.0079m, Bob, "Bob Agent");

        // C3: a refused send, an undelivered one, a delivery answered by an opt-out, and the period's last minute.
        // Fall follow-up steps 0 to 3 in the week, step 4 just after it.
        await seed.OutboundAsync(Team, c3, "Campaign", "Failed", Utc(11, 5, 16, 0), null, failedAt: Utc(11, 5, 16, 0), campaign: (fall, 0));
        await seed.OutboundAsync(Team, c3, "Campaign", "Undelivered", Utc(11, 5, 17, 0), 0.0079m, failedAt: Utc(11, 5, 17, 1), campaign: (fall, 1));
        await seed.OutboundAsync(Team, c3, "Campaign", "Delivered", Utc(11, 6, 16, 0), 0.0079m, campaign: (fall, 2));
        await seed.InboundAsync(Team, c3, "OptOut", Utc(11, 6, 16, 30));
        await seed.OutboundAsync(Team, c3, "Campaign", "Delivered", Utc(11, 9, 5, 59), 0.0079m, campaign: (fall, 3)); // 23:59 on 8 November
        await seed.OutboundAsync(Team, c3, "Campaign", "Delivered", Utc(11, 9, 6, 0), 0.0079m, campaign: (fall, 4));  // 00:00 on 9 November: outside

        // C4: Bob writes, the reply is a no that no person answers; a follow-up still queued is neither sent nor an answer.
        await seed.OutboundAsync(Team, c4, "Manual", "Delivered", Utc(11, 7, 16, 0), 0.0079m, Bob, "Bob Agent");
        await seed.InboundAsync(Team, c4, "NotInterested", Utc(11, 7, 16, 5));
        await seed.OutboundAsync(Team, c4, "FollowUp", "Queued", Utc(11, 7, 16, 6), null);

        // C5: Pat One again on another number: a call-back (hot, but Pat One already was), answered in 10 minutes.
        await seed.OutboundAsync(Team, c5, "Campaign", "Delivered", Utc(11, 8, 16, 0), 0.0079m, campaign: (spring, 1));
        await seed.InboundAsync(Team, c5, "CalledLine", Utc(11, 8, 16, 10));
        await seed.OutboundAsync(Team, c5, "Manual", "Delivered", Utc(11, 8, 16, 20), 0.0079m, Alice, "Alice Agent");

        await seed.LookupAsync(Team, 0.10m, Utc(11, 5, 18, 0));

        // Another team in the same week: none of it may appear in the team's report.
        var otherNumber = await seed.NumberAsync(OtherTeam, "+17132400399", "Houston");
        var otherProspect = await seed.ProspectAsync(OtherTeam, "+17132411099", "TX", "Retail", "Growth");
        var other = await seed.ConversationAsync(OtherTeam, otherProspect, otherNumber, "+17132411099");
        await seed.OutboundAsync(OtherTeam, other, "Campaign", "Delivered", Utc(11, 3, 15, 0), 0.5m);
        await seed.InboundAsync(OtherTeam, other, "Interested", Utc(11, 3, 15, 5));
        await seed.LookupAsync(OtherTeam, 1.00m, Utc(11, 5, 18, 0));
    }

    public static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>A service scope acting for one team, as a request of one of its members would.</summary>
    public AsyncServiceScope ScopeFor(Guid team)
    {
        var scope = Node.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        return scope;
    }

    public async Task<ReportRollupResult> RollupAsync(Guid team, ReportPeriod period)
    {
        await using var scope = ScopeFor(team);
        return await scope.ServiceProvider.GetRequiredService<ReportRollup>().RunAsync(period, default);
    }

    public async Task DisposeAsync()
    {
        await Node.StopAsync();
        Node.Dispose();
        await _database.DisposeAsync();
    }
}
