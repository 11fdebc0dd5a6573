using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Auditing;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.ActorName).HasMaxLength(AuditEntry.MaxActorNameLength);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.MaxActionLength).IsRequired();
        builder.Property(a => a.Summary).HasMaxLength(AuditEntry.MaxSummaryLength).IsRequired();
        builder.Property(a => a.Details).HasColumnType("jsonb").IsRequired();
        builder.Property(a => a.IpAddress).HasMaxLength(AuditEntry.MaxIpAddressLength);
        builder.HasIndex(a => new { a.TeamId, a.OccurredAt }).IsDescending(false, true);
        builder.HasIndex(a => new { a.TeamId, a.Action });
    }
}
