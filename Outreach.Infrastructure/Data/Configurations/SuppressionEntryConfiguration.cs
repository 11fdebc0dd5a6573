using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class SuppressionEntryConfiguration : IEntityTypeConfiguration<SuppressionEntry>
{
    public void Configure(EntityTypeBuilder<SuppressionEntry> builder)
    {
        builder.ToTable("suppressions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(s => s.Value).HasMaxLength(254).IsRequired();
        builder.Property(s => s.Reason).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(s => s.Source).HasMaxLength(SuppressionEntry.MaxSourceLength).IsRequired();
        builder.Property(s => s.Evidence).HasMaxLength(SuppressionEntry.MaxEvidenceLength);
        builder.HasIndex(s => new { s.TeamId, s.Channel, s.Value }).IsUnique();
        builder.HasIndex(s => new { s.TeamId, s.CreatedAt });
    }
}
