namespace Outreach.Domain.Reports;

/// <summary>
/// What a report can be broken down by. Each value is one grouping set of the roll-up and one sheet of the
/// workbook; campaign and step join here when campaigns exist (a key column in the roll-up's facts and a
/// grouping set, nothing else).
/// </summary>
public enum ReportDimension
{
    SendingNumber,
    State,
    Sector,
    RevenueTier,
    Agent,
}

public static class ReportDimensionExtensions
{
    public static string Label(this ReportDimension dimension) => dimension switch
    {
        ReportDimension.SendingNumber => "Sending number",
        ReportDimension.State => "State",
        ReportDimension.Sector => "Sector",
        ReportDimension.RevenueTier => "Revenue tier",
        ReportDimension.Agent => "Agent",
        _ => dimension.ToString(),
    };

    /// <summary>What a row whose key is missing stands for (a prospect without a state, a message no person sent).</summary>
    public static string MissingKeyLabel(this ReportDimension dimension) => dimension switch
    {
        ReportDimension.Agent => "Automated (no agent)",
        ReportDimension.SendingNumber => "(no number)",
        _ => "(not known)",
    };
}
