namespace Outreach.Domain.Reports;

/// <summary>
/// The counted facts of one period (or one breakdown row of it) and what follows from them. Counts come from
/// the roll-up; every rate and cost ratio is computed here, once, for the page, the workbook and the e-mail.
/// </summary>
/// <remarks>
/// Definitions (all times in the period, see <see cref="ReportPeriod"/>):
/// <list type="bullet">
/// <item>Sent: outbound messages that reached a provider or were refused by it (<see cref="ReplyMeaning.SentStatuses"/>), at the time they left or failed.</item>
/// <item>Delivered / failed: of those, the ones the carrier delivered / that failed or were undelivered.</item>
/// <item>Replies: inbound messages received. Positive replies: <see cref="ReplyMeaning.IsPositive"/>. Opt-outs: replies classified as opt-out.</item>
/// <item>E-mails captured: replies from which an e-mail address was taken.</item>
/// <item>Hot leads: prospects whose first ever <see cref="ReplyMeaning.IsHot"/> reply arrived in the period (each prospect counts once, ever).</item>
/// <item>Time to first human response: from the first reply of a waiting streak to the next message a person wrote
/// (<see cref="ReplyMeaning.HumanSource"/>); replies already waiting when another arrives start no new streak.</item>
/// <item>Messaging cost: the providers' price of the sent messages. Enrichment cost: paid lookups in the period; a
/// lookup is keyed by a hash of the person, not a prospect, so it is in the totals only, never in a breakdown row.</item>
/// </list>
/// Rates: delivery = delivered / sent; reply and opt-out = per delivered message (an undelivered message cannot
/// be answered); positive and capture = per reply. A rate with nothing to divide by is empty, not zero. So is a
/// rate that would divide the replies of one population by the messages of another (see <see cref="RepliesAnswerSends"/>).
/// </remarks>
public sealed record ReportMetrics
{
    public long Sent { get; init; }
    public long Delivered { get; init; }
    public long Failed { get; init; }
    public long Replies { get; init; }
    public long PositiveReplies { get; init; }
    public long OptOuts { get; init; }
    public long EmailsCaptured { get; init; }
    public long HotLeads { get; init; }

    /// <summary>Waiting streaks that got a human answer; only these have a response time.</summary>
    public long HumanResponses { get; init; }

    /// <summary>Waiting streaks that began in the period and had no human answer yet when the report ran.</summary>
    public long AwaitingResponse { get; init; }

    public TimeSpan? MedianResponseTime { get; init; }
    public TimeSpan? P90ResponseTime { get; init; }
    public decimal MessagingCost { get; init; }

    /// <summary>Null in breakdown rows: lookups cannot be attributed to one (see remarks).</summary>
    public decimal? EnrichmentCost { get; init; }

    /// <summary>
    /// The budget that applies to what is reported, or null when none does: in the totals the team's monthly
    /// budget pro-rated to the period (<see cref="ReportBudget.ForPeriod"/>); in a campaign row that campaign's
    /// cap, which covers its whole life, not just the period.
    /// </summary>
    public decimal? Budget { get; init; }

    /// <summary>
    /// Whether the replies counted here answer the messages counted here, so that replies (or opt-outs, or what
    /// they cost) per message mean something. True for the totals and for most breakdown rows; false for a row that
    /// gathers the replies nobody else is credited with (see <see cref="ReportDimensionExtensions.RepliesAnswerSends"/>):
    /// its rates per message are not shown, whatever their value.
    /// </summary>
    public bool RepliesAnswerSends { get; init; } = true;

    public double? DeliveryRate => Ratio(Delivered, Sent);
    public double? ReplyRate => RepliesAnswerSends ? Ratio(Replies, Delivered) : null;
    public double? PositiveRate => Ratio(PositiveReplies, Replies);
    public double? OptOutRate => RepliesAnswerSends ? Ratio(OptOuts, Delivered) : null;
    public double? CaptureRate => Ratio(EmailsCaptured, Replies);
    public decimal TotalCost => MessagingCost + (EnrichmentCost ?? 0m);
    // The cost is that of the messages counted: over replies that answer other messages it would look cheaper than it is.
    public decimal? CostPerReply => RepliesAnswerSends ? Per(TotalCost, Replies) : null;
    public decimal? CostPerEmailCaptured => RepliesAnswerSends ? Per(TotalCost, EmailsCaptured) : null;
    public decimal? CostPerHotLead => RepliesAnswerSends ? Per(TotalCost, HotLeads) : null;
    /// <summary>
    /// Messaging cost over the budget. Budgets cap sending only (the guardrails reserve each message against
    /// them), so enrichment lookups are not charged against them here either.
    /// </summary>
    public double? SpendAgainstBudget => Budget is > 0m ? (double)(MessagingCost / Budget.Value) : null;

    public static readonly ReportMetrics Empty = new();

    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;

    private static decimal? Per(decimal cost, long count) => count == 0 ? null : Math.Round(cost / count, 4);
}
