using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Enrichment;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class EnrichmentLookupConfiguration : IEntityTypeConfiguration<EnrichmentLookup>
{
    public void Configure(EntityTypeBuilder<EnrichmentLookup> builder)
    {
        builder.ToTable("enrichment_lookups");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Provider).HasMaxLength(32).IsRequired();
        builder.Property(e => e.PersonKey).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Result).HasColumnType("jsonb").IsRequired();
        builder.Property(e => e.Cost).HasPrecision(10, 4);
        builder.HasIndex(e => new { e.TeamId, e.Provider, e.PersonKey }).IsUnique();
    }
}
