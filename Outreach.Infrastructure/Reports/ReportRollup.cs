using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Reports;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// Computes a team's report for a period and the period before it, in the database, as the team's own
/// session (row-level security applies). Nothing is cached: every node computes the same numbers from the
/// same rows, and what the page shows is what the workbook holds.
/// </summary>
public sealed class ReportRollup(
    TenantDatabase tenantDatabase,
    TenantScope scope,
    IDbContextFactory<OutreachDbContext> contexts,
    TimeProvider clock)
{
    private const int CommandTimeoutSeconds = 120;

    // Columns of a roll-up row: is_current, grouping, day, one key per dimension, the labels, then the sums.
    private static readonly int Dimensions = RollupSql.DimensionColumns.Length;
    private const int FirstKey = 3;
    private static readonly int NumberLabel = FirstKey + Dimensions;
    private static readonly int AgentName = NumberLabel + 1;
    private static readonly int CampaignName = NumberLabel + 2;
    private static readonly int CampaignBudget = NumberLabel + 3;
    private static readonly int FirstSum = NumberLabel + 4;

    [ReadOnly]
    public async Task<string> TeamTimeZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teamId = scope.RequireTeamId();
        return await db.Set<Team>().Where(t => t.Id == teamId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
    }

    [ReadOnly]
    public async Task<ReportRollupResult> RunAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        scope.RequireTeamId();
        var current = new Accumulator();
        var previous = new Accumulator();
        var days = new Dictionary<DateOnly, Accumulator>();
        var breakdowns = Enum.GetValues<ReportDimension>().ToDictionary(d => d, _ => new Dictionary<string, (string Label, Accumulator Current, Accumulator Previous)>());
        var campaignBudgets = new Dictionary<string, decimal>();
        decimal? monthlyBudget;

        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using (var command = Command(RollupSql.Query, connection, period))
        {
            command.Parameters.AddWithValue("sent_statuses", ReplyMeaning.SentStatuses.Select(s => s.ToString()).ToArray());
            command.Parameters.AddWithValue("failed_statuses", ReplyMeaning.FailedStatuses.Select(s => s.ToString()).ToArray());
            command.Parameters.AddWithValue("positive_kinds", ReplyMeaning.PositiveKinds.Select(k => k.ToString()).ToArray());
            command.Parameters.AddWithValue("hot_kinds", ReplyMeaning.HotKinds.Select(k => k.ToString()).ToArray());
            command.Parameters.AddWithValue("human_source", ReplyMeaning.HumanSource.ToString());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var isCurrent = reader.GetInt32(0) == 1;
                var grouping = reader.GetInt32(1);
                var metrics = ReadMetrics(reader, FirstSum);
                // GROUPING() sets a bit for each argument that is not grouped; the first argument (day) is the highest bit.
                bool Grouped(int column) => (grouping & (1 << (Dimensions - column))) == 0;
                if (Grouped(0))
                {
                    if (isCurrent)
                    {
                        var day = DateOnly.FromDateTime(reader.GetDateTime(2));
                        if (!days.TryGetValue(day, out var point))
                        {
                            days[day] = point = new Accumulator();
                        }
                        point.Add(metrics);
                    }
                    continue;
                }
                var dimension = Enum.GetValues<ReportDimension>().FirstOrDefault(d => Grouped(1 + (int)d), (ReportDimension)(-1));
                if ((int)dimension < 0)
                {
                    (isCurrent ? current : previous).Add(metrics);
                    continue;
                }
                var key = reader.IsDBNull(FirstKey + (int)dimension) ? null : reader.GetString(FirstKey + (int)dimension);
                var label = LabelFor(dimension, key, TextOrNull(reader, NumberLabel), TextOrNull(reader, AgentName), TextOrNull(reader, CampaignName));
                if (dimension == ReportDimension.Campaign && key is not null && !reader.IsDBNull(CampaignBudget))
                {
                    campaignBudgets[key] = reader.GetDecimal(CampaignBudget);
                }
                var rows = breakdowns[dimension];
                if (!rows.TryGetValue(key ?? string.Empty, out var row))
                {
                    row = (label, new Accumulator(), new Accumulator());
                    rows[key ?? string.Empty] = row;
                }
                (isCurrent ? row.Current : row.Previous).Add(metrics);
                if (isCurrent)
                {
                    rows[key ?? string.Empty] = row with { Label = label };
                }
            }
        }

        await using (var command = new NpgsqlCommand(RollupSql.MonthlyBudget, connection) { CommandTimeout = CommandTimeoutSeconds })
        {
            monthlyBudget = await command.ExecuteScalarAsync(cancellationToken) is decimal budget ? budget : null;
        }

        await using (var command = Command(RollupSql.Enrichment, connection, period))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var cost = reader.GetDecimal(2);
                if (reader.GetInt32(0) == 1)
                {
                    current.EnrichmentCost += cost;
                    var day = DateOnly.FromDateTime(reader.GetDateTime(1));
                    if (!days.TryGetValue(day, out var point))
                    {
                        days[day] = point = new Accumulator();
                    }
                    point.EnrichmentCost += cost;
                }
                else
                {
                    previous.EnrichmentCost += cost;
                }
            }
        }

        var trend = period.EachDay()
            .Select(day => new TrendPoint(day, days.TryGetValue(day, out var a) ? a.ToMetrics(withEnrichment: true) : ReportMetrics.Empty with { EnrichmentCost = 0m }))
            .ToList();
        var breakdownRows = breakdowns.ToDictionary(
            b => b.Key,
            b => (IReadOnlyList<BreakdownRow>)b.Value
                .Select(r =>
                {
                    // A campaign's cap is the same in both periods: it is a setting of the campaign, not of a period.
                    var budget = b.Key == ReportDimension.Campaign && campaignBudgets.TryGetValue(r.Key, out var cap) ? cap : (decimal?)null;
                    var answers = b.Key.RepliesAnswerSends(hasKey: r.Key.Length > 0);
                    return new BreakdownRow(r.Key.Length == 0 ? null : r.Key, r.Value.Label,
                        r.Value.Current.ToMetrics(false) with { Budget = budget, RepliesAnswerSends = answers },
                        r.Value.Previous.ToMetrics(false) with { Budget = budget, RepliesAnswerSends = answers });
                })
                .OrderByDescending(r => r.Current.Sent).ThenByDescending(r => r.Current.Replies).ThenBy(r => r.Label, StringComparer.Ordinal)
                .ToList());
        // The totals' budget is the team's monthly one, pro-rated to each period; campaign caps are not summed into
        // it, because a cap covers a campaign's whole life while the report covers a period.
        return new ReportRollupResult(
            period,
            current.ToMetrics(true) with { Budget = ReportBudget.ForPeriod(monthlyBudget, period) },
            previous.ToMetrics(true) with { Budget = ReportBudget.ForPeriod(monthlyBudget, period.Previous) },
            breakdownRows, trend, clock.GetUtcNow());
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, ReportPeriod period)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeoutSeconds };
        command.Parameters.AddWithValue("start", NpgsqlDbType.TimestampTz, period.Start.UtcDateTime);
        command.Parameters.AddWithValue("end", NpgsqlDbType.TimestampTz, period.End.UtcDateTime);
        command.Parameters.AddWithValue("previous_start", NpgsqlDbType.TimestampTz, period.Previous.Start.UtcDateTime);
        command.Parameters.AddWithValue("time_zone", period.TimeZone);
        return command;
    }

    private static Accumulator ReadMetrics(NpgsqlDataReader reader, int first) => new()
    {
        Sent = reader.GetInt64(first),
        Delivered = reader.GetInt64(first + 1),
        Failed = reader.GetInt64(first + 2),
        MessagingCost = reader.IsDBNull(first + 3) ? 0m : reader.GetDecimal(first + 3),
        Replies = reader.GetInt64(first + 4),
        PositiveReplies = reader.GetInt64(first + 5),
        OptOuts = reader.GetInt64(first + 6),
        EmailsCaptured = reader.GetInt64(first + 7),
        HotLeads = reader.GetInt64(first + 8),
        HumanResponses = reader.GetInt64(first + 9),
        AwaitingResponse = reader.GetInt64(first + 10),
        Median = reader.IsDBNull(first + 11) ? null : reader.GetDouble(first + 11),
        P90 = reader.IsDBNull(first + 12) ? null : reader.GetDouble(first + 12),
    };

    private static string? TextOrNull(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static string LabelFor(ReportDimension dimension, string? key, string? numberLabel, string? agentName, string? campaignName)
    {
        if (key is null)
        {
            return dimension.MissingKeyLabel();
        }
        return dimension switch
        {
            ReportDimension.SendingNumber => string.IsNullOrWhiteSpace(numberLabel) ? key : $"{key} ({numberLabel})",
            ReportDimension.Agent => string.IsNullOrWhiteSpace(agentName) ? key : agentName,
            ReportDimension.Campaign => campaignName ?? key,
            // The step key is "<campaign id>:<step>", written by the roll-up's SQL.
            ReportDimension.Step => ReportDimensionExtensions.StepLabel(campaignName ?? key[..key.LastIndexOf(':')], int.Parse(key[(key.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)),
            _ => key,
        };
    }

    /// <summary>
    /// Sums of one group. Each (period, key) arrives as up to two rows, its sums and its percentiles; the
    /// percentiles are never added, only taken from the row that has them.
    /// </summary>
    private sealed class Accumulator
    {
        public long Sent { get; set; }
        public long Delivered { get; set; }
        public long Failed { get; set; }
        public decimal MessagingCost { get; set; }
        public decimal EnrichmentCost { get; set; }
        public long Replies { get; set; }
        public long PositiveReplies { get; set; }
        public long OptOuts { get; set; }
        public long EmailsCaptured { get; set; }
        public long HotLeads { get; set; }
        public long HumanResponses { get; set; }
        public long AwaitingResponse { get; set; }
        public double? Median { get; set; }
        public double? P90 { get; set; }

        public void Add(Accumulator other)
        {
            Sent += other.Sent;
            Delivered += other.Delivered;
            Failed += other.Failed;
            MessagingCost += other.MessagingCost;
            Replies += other.Replies;
            PositiveReplies += other.PositiveReplies;
            OptOuts += other.OptOuts;
            EmailsCaptured += other.EmailsCaptured;
            HotLeads += other.HotLeads;
            HumanResponses += other.HumanResponses;
            AwaitingResponse += other.AwaitingResponse;
            Median = other.Median ?? Median;
            P90 = other.P90 ?? P90;
        }

        public ReportMetrics ToMetrics(bool withEnrichment) => new()
        {
            Sent = Sent,
            Delivered = Delivered,
            Failed = Failed,
            Replies = Replies,
            PositiveReplies = PositiveReplies,
            OptOuts = OptOuts,
            EmailsCaptured = EmailsCaptured,
            HotLeads = HotLeads,
            HumanResponses = HumanResponses,
            AwaitingResponse = AwaitingResponse,
            MedianResponseTime = Median is { } m ? TimeSpan.FromSeconds(Math.Round(m)) : null,
            P90ResponseTime = P90 is { } p ? TimeSpan.FromSeconds(Math.Round(p)) : null,
            MessagingCost = MessagingCost,
            EnrichmentCost = withEnrichment ? EnrichmentCost : null,
        };
    }
}
