using Microsoft.Extensions.Options;
using Npgsql;

namespace Outreach.Infrastructure.Automation;

/// <summary>
/// Keeps the follow-up history from growing for ever: finished executions (completed, skipped, failed) older
/// than <see cref="AutomationOptions.KeepHistoryDays"/> are deleted, team by team in small batches so that no
/// long lock is held. A completed execution of a once-per-conversation rule is kept whatever its age: it is
/// what stops that rule from running again for the conversation.
/// </summary>
public sealed class ExecutionHistory(NpgsqlDataSource ownerDatabase, IOptions<AutomationOptions> options, TimeProvider clock)
{
    private const int BatchSize = 5_000;

    private const string DeleteBatch = """
        WITH old AS (
            SELECT id FROM follow_up_executions
            WHERE team_id = @team AND finished_at < @cutoff AND status IN ('Completed', 'Skipped', 'Failed')
              AND NOT (once AND status = 'Completed')
            LIMIT @batch
        )
        DELETE FROM follow_up_executions x USING old WHERE x.id = old.id
        """;

    /// <summary>Deletes what has passed its retention; returns how many executions were deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.KeepHistoryDays);
        var teams = new List<Guid>();
        await using (var list = ownerDatabase.CreateCommand("SELECT id FROM teams"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                teams.Add(reader.GetGuid(0));
            }
        }
        var deleted = 0;
        foreach (var team in teams)
        {
            int batch;
            do
            {
                await using var command = ownerDatabase.CreateCommand(DeleteBatch);
                command.Parameters.AddWithValue("team", team);
                command.Parameters.AddWithValue("cutoff", cutoff);
                command.Parameters.AddWithValue("batch", BatchSize);
                batch = await command.ExecuteNonQueryAsync(cancellationToken);
                deleted += batch;
            }
            while (batch == BatchSize);
        }
        return deleted;
    }
}
