using System.ComponentModel.DataAnnotations;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>The campaign engine's pace and the automatic pauses ("Outreach:Campaigns").</summary>
public sealed class CampaignOptions
{
    public const string Section = "Outreach:Campaigns";

    /// <summary>Spend reserved per SMS segment before a message is queued; settled from the provider's cost.</summary>
    [Range(0, 10)]
    public decimal CostPerSegment { get; set; } = 0.0079m;

    /// <summary>How often the clustered scheduler fires the dispatch pump.</summary>
    [Range(1, 60)]
    public int PumpIntervalSeconds { get; set; } = 1;

    /// <summary>How long one firing may keep pumping while enrollments are due.</summary>
    [Range(1, 300)]
    public int PumpSeconds { get; set; } = 20;

    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Messages queued at once by the pump (each on its own connection).</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 16;

    /// <summary>How long a claimed enrollment is hidden from other pumps; after a crash it becomes due again.</summary>
    [Range(10, 3600)]
    public int ClaimLeaseSeconds { get; set; } = 120;

    [Range(1, 120)]
    public int SweepIntervalSeconds { get; set; } = 5;

    /// <summary>Pause a campaign when more than this share of its last <see cref="ErrorWindow"/> sends failed.</summary>
    [Range(0.01, 1)]
    public double ErrorRateThreshold { get; set; } = 0.20;

    [Range(10, 10_000)]
    public int ErrorWindow { get; set; } = 100;

    /// <summary>Pause a campaign when more than this share of its last <see cref="OptOutWindow"/> sent messages was answered by an opt-out.</summary>
    [Range(0.001, 1)]
    public double OptOutRateThreshold { get; set; } = 0.05;

    [Range(10, 10_000)]
    public int OptOutWindow { get; set; } = 200;
}
