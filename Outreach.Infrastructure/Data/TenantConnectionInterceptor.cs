using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Data;

/// <summary>
/// Every team-scoped connection tells PostgreSQL its team (and, in the fallback, first switches to the
/// application role), so row-level security applies even to a query that forgot its filter. Npgsql
/// resets session state when a connection returns to the pool, so nothing leaks between uses.
/// </summary>
public sealed class TenantConnectionInterceptor(TenantDatabase database) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (eventData.Context is OutreachDbContext context)
        {
            using var command = TenantSession.CreateCommand((NpgsqlConnection)connection, context.Scope, database.SwitchesRole);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is OutreachDbContext context)
        {
            await using var command = TenantSession.CreateCommand((NpgsqlConnection)connection, context.Scope, database.SwitchesRole);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
