using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ChannelKillSwitchConfiguration : IEntityTypeConfiguration<ChannelKillSwitch>
{
    public void Configure(EntityTypeBuilder<ChannelKillSwitch> builder)
    {
        builder.ToTable("channel_kill_switches");
        builder.HasKey(s => new { s.TeamId, s.Channel });
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.Reason).HasMaxLength(500).IsRequired();
        builder.Property(s => s.EngagedBy).HasMaxLength(120).IsRequired();
    }
}
