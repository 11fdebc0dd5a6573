using Npgsql;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>
/// What an inbound reply means for the prospect's campaigns, applied right after the reply is recorded: an
/// opt-out ends every open enrollment of the prospect; any other reply ends those of campaigns that stop on a
/// reply. Kept apart from the ingest statement on purpose (the guardrails check replies again at send time).
/// </summary>
public sealed class CampaignReplies(TenantDatabase tenantDatabase)
{
    public async Task<int> ApplyAsync(Guid teamId, Guid prospectId, bool optOut, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(TenantScope.ForTeam(teamId), cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE campaign_enrollments e
            SET state = CASE WHEN @opt_out THEN 'OptedOut' ELSE 'Replied' END, next_due_at = NULL, updated_at = now(),
                last_skip_reason = CASE WHEN @opt_out THEN 'OptedOut' ELSE 'Replied' END
            FROM campaigns c
            WHERE e.prospect_id = @prospect AND e.state IN ('Pending', 'Active') AND c.id = e.campaign_id AND (@opt_out OR c.stop_on_reply)
            """, connection);
        command.Parameters.AddWithValue("prospect", prospectId);
        command.Parameters.AddWithValue("opt_out", optOut);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
