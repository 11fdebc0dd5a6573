using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ProspectImportConfiguration : IEntityTypeConfiguration<ProspectImport>
{
    public void Configure(EntityTypeBuilder<ProspectImport> builder)
    {
        builder.ToTable("prospect_imports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(i => i.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.FileName).HasMaxLength(ProspectImport.MaxFileNameLength).IsRequired();
        builder.Property(i => i.Encoding).HasMaxLength(32).IsRequired();
        builder.Property(i => i.Delimiter).HasConversion(c => c.ToString(), s => s[0]).HasMaxLength(1).IsRequired();
        builder.Property(i => i.Headers).HasColumnType("jsonb").IsRequired();
        builder.Property(i => i.Mapping).HasColumnType("jsonb").IsRequired();
        builder.Property(i => i.Policy).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(i => i.Tag).HasMaxLength(Prospect.MaxTagLength);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(i => i.CreatedByName).HasMaxLength(120).IsRequired();
        builder.Property(i => i.Node).HasMaxLength(200);
        builder.Property(i => i.Error).HasMaxLength(1000);
        builder.Ignore(i => i.Duration);
        builder.Ignore(i => i.IsFinished);
        builder.HasIndex(i => new { i.TeamId, i.CreatedAt });
    }
}
