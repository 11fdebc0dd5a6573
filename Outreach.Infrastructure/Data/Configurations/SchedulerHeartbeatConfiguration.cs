using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Infrastructure.Jobs;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class SchedulerHeartbeatConfiguration : IEntityTypeConfiguration<SchedulerHeartbeat>
{
    public void Configure(EntityTypeBuilder<SchedulerHeartbeat> builder)
    {
        builder.ToTable("scheduler_heartbeats");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.Node).HasMaxLength(200).IsRequired();
        builder.HasIndex(h => h.ScheduledFor).IsUnique();
    }
}
