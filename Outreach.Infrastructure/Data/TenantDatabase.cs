using Npgsql;

namespace Outreach.Infrastructure.Data;

/// <summary>
/// Where team-scoped work connects. Securely, as the login role <see cref="DatabaseRoles.Application"/>
/// itself (<c>ConnectionStrings:OutreachApp</c>): a session that is the application role cannot become
/// anything else, whatever SQL it runs. As a fallback, the owner's connection switching to that role,
/// which binds every query the application writes but not SQL injected into one.
/// </summary>
public sealed class TenantDatabase(NpgsqlDataSource dataSource, bool switchesRole) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>True in the fallback: each connection first switches from the owner to the application role.</summary>
    public bool SwitchesRole { get; } = switchesRole;

    /// <summary>An open connection bound to one team for raw SQL (bulk paths): row-level security applies to everything it runs.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(Tenancy.TenantScope scope, CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = TenantSession.CreateCommand(connection, scope, SwitchesRole);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // The fallback shares the owner's data source, which its own registration disposes.
    public ValueTask DisposeAsync() => SwitchesRole ? ValueTask.CompletedTask : DataSource.DisposeAsync();
}
