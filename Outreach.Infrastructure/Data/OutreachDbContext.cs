using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Jobs;
using Outreach.Infrastructure.Security;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Data;

/// <summary>
/// The system of record. Every context is bound to one <see cref="TenantScope"/>: query filters narrow
/// team-owned sets to that team, and <see cref="TenantConnectionInterceptor"/> hands the same team to
/// PostgreSQL so row-level security enforces it a second time.
/// </summary>
public sealed class OutreachDbContext(DbContextOptions<OutreachDbContext> options, TenantScope scope)
    : IdentityUserContext<AppUser, Guid>(options)
{
    public TenantScope Scope { get; } = scope;

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SchedulerHeartbeat> SchedulerHeartbeats => Set<SchedulerHeartbeat>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    // Read by the query filters on every execution (EF parameterises context members).
    private Guid? CurrentTeamId => Scope.TeamId;
    private bool IsSystemScope => Scope.IsSystem;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OutreachDbContext).Assembly);

        builder.Entity<Team>().HasQueryFilter(t => IsSystemScope || t.Id == CurrentTeamId);
        builder.Entity<Membership>().HasQueryFilter(m => IsSystemScope || m.TeamId == CurrentTeamId);
        builder.Entity<AuditEntry>().HasQueryFilter(a => IsSystemScope || a.TeamId == CurrentTeamId);
        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(e => typeof(ITeamOwned).IsAssignableFrom(e.ClrType)))
        {
            entityType.SetQueryFilter(TeamFilter(entityType.ClrType));
        }

        SnakeCaseNames.Apply(builder);
    }

    private LambdaExpression TeamFilter(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var context = Expression.Constant(this);
        var isSystem = Expression.Property(context, nameof(IsSystemScope));
        var teamId = Expression.Convert(Expression.Property(entity, nameof(ITeamOwned.TeamId)), typeof(Guid?));
        var sameTeam = Expression.Equal(teamId, Expression.Property(context, nameof(CurrentTeamId)));
        return Expression.Lambda(Expression.OrElse(isSystem, sameTeam), entity);
    }
}
