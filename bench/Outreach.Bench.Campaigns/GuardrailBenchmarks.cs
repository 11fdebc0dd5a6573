using BenchmarkDotNet.Attributes;
using Outreach.Domain.Guardrails;

namespace Outreach.Bench.Campaigns;

/// <summary>
/// The guardrail policy for one campaign message with every check present and passing (the slowest path:
/// all checks run), one deferred by quiet hours across a DST change, and one blocked early.
/// </summary>
[MemoryDiagnoser]
public class GuardrailBenchmarks
{
    private static readonly DateTimeOffset Midday = new(2025, 6, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly SendWindow Weekdays = new(new TimeOnly(9, 0), new TimeOnly(18, 0),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });

    private GuardrailRequest _allowed = null!;
    private GuardrailRequest _deferred = null!;
    private GuardrailRequest _unknownZone = null!;
    private GuardrailRequest _blocked = null!;

    [GlobalSetup]
    public void Setup()
    {
        var campaign = new CampaignFacts(false, true, Weekdays, 1, 2, true, false, false, 10, 1000, Midday.AddHours(13), 5, Midday.AddSeconds(-30), 60,
            new BudgetFacts(100m, 12.5m, 0.0079m));
        _allowed = new GuardrailRequest(Midday, "America/New_York", false, false, false, false, new SendWindow(new TimeOnly(9, 0), new TimeOnly(20, 0)))
        {
            Campaign = campaign,
            Frequency = new ProspectFrequency(0, null, 1, 1, Midday.AddDays(-3), 3),
            TeamBudget = new BudgetFacts(1000m, 100m, 0.0079m),
        };
        // Saturday night before the autumn clock change: deferred to Monday morning.
        _deferred = _allowed with { Now = new DateTimeOffset(2025, 11, 2, 3, 0, 0, TimeSpan.Zero) };
        _unknownZone = _allowed with { RecipientTimeZone = null };
        _blocked = _allowed with { RecipientSuppressed = true };
    }

    [Benchmark(Baseline = true)]
    public GuardrailDecision Allowed_campaign_message() => GuardrailPolicy.Evaluate(_allowed);

    [Benchmark]
    public GuardrailDecision Deferred_across_DST() => GuardrailPolicy.Evaluate(_deferred);

    [Benchmark]
    public GuardrailDecision Unknown_zone_all_four_US_zones() => GuardrailPolicy.Evaluate(_unknownZone);

    [Benchmark]
    public GuardrailDecision Blocked_suppressed() => GuardrailPolicy.Evaluate(_blocked);
}
