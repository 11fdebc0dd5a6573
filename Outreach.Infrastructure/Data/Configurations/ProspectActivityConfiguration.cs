using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ProspectActivityConfiguration : IEntityTypeConfiguration<ProspectActivity>
{
    public void Configure(EntityTypeBuilder<ProspectActivity> builder)
    {
        builder.ToTable("prospect_activities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Prospect>().WithMany().HasForeignKey(a => a.ProspectId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Kind).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Summary).HasMaxLength(ProspectActivity.MaxSummaryLength).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(120);
        builder.HasIndex(a => new { a.ProspectId, a.OccurredAt });
    }
}
