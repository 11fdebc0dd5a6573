using Npgsql;
using Outreach.Domain.Guardrails;

namespace Outreach.Infrastructure.Guardrails;

/// <summary>
/// Reserves spend for a whole batch of one campaign at once: the campaign engine's way to keep the budget
/// rule (spend reserved before a message is queued, never past the campaign's budget or the team's month)
/// without taking the two budget rows' locks once per message. The rows are locked team first, then
/// campaign (the order every reservation uses), the room is read, and as many messages as fit are reserved
/// in one update each. What is not used is given back with <see cref="ReleaseAsync"/>.
/// </summary>
public sealed class SpendReservations(NpgsqlDataSource ownerDatabase, TimeProvider clock)
{
    /// <summary>Reserves the longest prefix of <paramref name="costs"/> that fits both budgets; returns its length.</summary>
    public async Task<int> ReserveAsync(Guid teamId, Guid campaignId, IReadOnlyList<decimal> costs, CancellationToken cancellationToken)
    {
        var month = TeamSpend.MonthOf(clock.GetUtcNow());
        await using var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken);
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO team_spend (team_id, month, reserved, spent) VALUES (@team, @month, 0, 0) ON CONFLICT (team_id, month) DO NOTHING", connection))
        {
            ensure.Parameters.AddWithValue("team", teamId);
            ensure.Parameters.AddWithValue("month", month);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        decimal teamRoom;
        decimal campaignRoom;
        await using (var read = new NpgsqlCommand("""
            SELECT coalesce((SELECT l.monthly_budget FROM team_sending_limits l WHERE l.team_id = @team) - (t.reserved + t.spent), 79228162514264337593543950335)
            FROM team_spend t WHERE t.team_id = @team AND t.month = @month FOR UPDATE
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("team", teamId);
            read.Parameters.AddWithValue("month", month);
            teamRoom = (decimal)(await read.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var read = new NpgsqlCommand(
            "SELECT coalesce(budget - (reserved_spend + spent), 79228162514264337593543950335) FROM campaigns WHERE id = @campaign FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue("campaign", campaignId);
            campaignRoom = await read.ExecuteScalarAsync(cancellationToken) is decimal left ? left : 0;
        }
        var fits = 0;
        var sum = 0m;
        var room = Math.Min(teamRoom, campaignRoom);
        while (fits < costs.Count && sum + costs[fits] <= room)
        {
            sum += costs[fits++];
        }
        if (fits > 0)
        {
            await using var reserve = new NpgsqlCommand("""
                UPDATE team_spend SET reserved = reserved + @sum WHERE team_id = @team AND month = @month;
                UPDATE campaigns SET reserved_spend = reserved_spend + @sum WHERE id = @campaign;
                """, connection, transaction);
            reserve.Parameters.AddWithValue("team", teamId);
            reserve.Parameters.AddWithValue("month", month);
            reserve.Parameters.AddWithValue("campaign", campaignId);
            reserve.Parameters.AddWithValue("sum", sum);
            await reserve.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return fits;
    }

    public async Task ReleaseAsync(Guid teamId, Guid campaignId, decimal amount, CancellationToken cancellationToken)
    {
        if (amount <= 0)
        {
            return;
        }
        await using var command = ownerDatabase.CreateCommand("""
            UPDATE team_spend SET reserved = greatest(0, reserved - @amount) WHERE team_id = @team AND month = @month;
            UPDATE campaigns SET reserved_spend = greatest(0, reserved_spend - @amount) WHERE id = @campaign;
            """);
        command.Parameters.AddWithValue("team", teamId);
        command.Parameters.AddWithValue("month", TeamSpend.MonthOf(clock.GetUtcNow()));
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("amount", amount);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
