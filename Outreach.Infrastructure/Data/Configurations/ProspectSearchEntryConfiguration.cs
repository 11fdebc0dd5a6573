using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Prospects;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ProspectSearchEntryConfiguration : IEntityTypeConfiguration<ProspectSearchEntry>
{
    public void Configure(EntityTypeBuilder<ProspectSearchEntry> builder)
    {
        builder.ToTable("prospect_search");
        builder.HasKey(e => e.ProspectId);
        builder.Property(e => e.ProspectId).ValueGeneratedNever();
        builder.HasOne<Prospect>().WithOne().HasForeignKey<ProspectSearchEntry>(e => e.ProspectId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.SearchText).IsRequired();
        builder.HasIndex(e => e.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
