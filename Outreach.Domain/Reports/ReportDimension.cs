namespace Outreach.Domain.Reports;

/// <summary>
/// What a report can be broken down by. Each value is one grouping set of the roll-up and one sheet of the
/// workbook. Campaign and step are those of the message itself for sends, and of the message a reply answers (the
/// last one handed over before it arrived) for replies and the waits they start; the same rule credits its agent.
/// </summary>
public enum ReportDimension
{
    SendingNumber,
    State,
    Sector,
    RevenueTier,
    Agent,
    Campaign,
    Step,
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
        ReportDimension.Campaign => "Campaign",
        ReportDimension.Step => "Campaign step",
        _ => dimension.ToString(),
    };

    /// <summary>What a row whose key is missing stands for (a prospect without a state, a message no person sent).</summary>
    public static string MissingKeyLabel(this ReportDimension dimension) => dimension switch
    {
        ReportDimension.Agent => "Automated (no agent)",
        ReportDimension.SendingNumber => "(no number)",
        // A deleted campaign's messages lose their campaign (ON DELETE SET NULL) and land here too.
        ReportDimension.Campaign or ReportDimension.Step => "No campaign (manual and automated)",
        _ => "(not known)",
    };

    /// <summary>
    /// Whether a breakdown row's replies answer the messages it counts, so that a rate per message means something.
    /// Rows keyed by the thread (a number, a prospect's state, sector or tier) count a thread's replies and its
    /// messages alike; a campaign, step or agent row counts the replies to its own messages. The row without a
    /// campaign, step or agent is different: it also gathers every reply that answers no message at all (a prospect
    /// who wrote first), so a "No campaign" row once read 3,100 % of its sends.
    /// </summary>
    public static bool RepliesAnswerSends(this ReportDimension dimension, bool hasKey) =>
        hasKey || dimension is not (ReportDimension.Agent or ReportDimension.Campaign or ReportDimension.Step);

    /// <summary>A step as people count them: the data's steps are 0-based (0 = the first message), labels start at 1.</summary>
    public static string StepLabel(string campaignName, int step) => $"{campaignName} · step {step + 1}";
}
