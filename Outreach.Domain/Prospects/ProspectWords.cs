namespace Outreach.Domain.Prospects;

/// <summary>The prospect vocabulary in the words operators read on screen, never the enum's code name.</summary>
public static class ProspectWords
{
    public static string Status(ProspectStatus status) => status switch
    {
        ProspectStatus.New => "New",
        ProspectStatus.Contacted => "Contacted",
        ProspectStatus.Replied => "Replied",
        ProspectStatus.Interested => "Interested",
        ProspectStatus.Qualified => "Qualified",
        ProspectStatus.NotInterested => "Not interested",
        ProspectStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    /// <summary>The revenue band with its range, as <see cref="RevenueTiers.For"/> draws it.</summary>
    public static string RevenueTier(RevenueTier tier) => tier switch
    {
        Prospects.RevenueTier.Startup => "Startup (under $500K)",
        Prospects.RevenueTier.MainStreet => "Main street ($500K–$2.5M)",
        Prospects.RevenueTier.Growth => "Growth ($2.5M–$10M)",
        Prospects.RevenueTier.Established => "Established ($10M–$50M)",
        Prospects.RevenueTier.Enterprise => "Enterprise ($50M and up)",
        _ => tier.ToString(),
    };

    /// <summary>The band's name alone, for narrow columns.</summary>
    public static string RevenueTierShort(RevenueTier tier) => tier switch
    {
        Prospects.RevenueTier.MainStreet => "Main street",
        _ => tier.ToString(),
    };

    public static string Import(ImportStatus status) => status switch
    {
        ImportStatus.Queued => "Waiting for mapping",
        ImportStatus.Running => "Running",
        ImportStatus.Completed => "Completed",
        ImportStatus.Failed => "Failed",
        ImportStatus.Cancelled => "Cancelled",
        ImportStatus.Expired => "Expired, never started",
        _ => status.ToString(),
    };

    public static string Policy(DuplicatePolicy policy) => policy switch
    {
        DuplicatePolicy.FillBlanks => "Fill blanks",
        DuplicatePolicy.Overwrite => "Overwrite",
        _ => "Skip",
    };
}
