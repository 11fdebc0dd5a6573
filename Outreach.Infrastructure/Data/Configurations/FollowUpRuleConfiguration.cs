using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Automation;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class FollowUpRuleConfiguration : IEntityTypeConfiguration<FollowUpRule>
{
    public void Configure(EntityTypeBuilder<FollowUpRule> builder)
    {
        builder.ToTable("follow_up_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Name).HasMaxLength(FollowUpRule.MaxNameLength).IsRequired();
        builder.Property(r => r.Definition).HasColumnType("jsonb").IsRequired();
        builder.Property(r => r.DefaultKey).HasMaxLength(40);
        builder.Property(r => r.UpdatedBy).HasMaxLength(120).IsRequired();
        builder.Ignore(r => r.Rule);
        builder.HasIndex(r => new { r.TeamId, r.DefaultKey }).IsUnique().HasFilter("default_key IS NOT NULL");
    }
}
