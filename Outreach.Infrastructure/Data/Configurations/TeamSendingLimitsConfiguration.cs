using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class TeamSendingLimitsConfiguration : IEntityTypeConfiguration<TeamSendingLimits>
{
    public void Configure(EntityTypeBuilder<TeamSendingLimits> builder)
    {
        builder.ToTable("team_sending_limits");
        builder.HasKey(l => l.TeamId);
        builder.HasOne<Team>().WithOne().HasForeignKey<TeamSendingLimits>(l => l.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.MonthlyBudget).HasPrecision(12, 2);
    }
}
