using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class TeamSpendConfiguration : IEntityTypeConfiguration<TeamSpend>
{
    public void Configure(EntityTypeBuilder<TeamSpend> builder)
    {
        builder.ToTable("team_spend");
        builder.HasKey(s => new { s.TeamId, s.Month });
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Reserved).HasPrecision(14, 5);
        builder.Property(s => s.Spent).HasPrecision(14, 5);
    }
}
