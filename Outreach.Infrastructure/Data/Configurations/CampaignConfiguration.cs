using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Name).HasMaxLength(120).IsRequired();
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(c => c.Audience).HasColumnType("jsonb").IsRequired();
        builder.Property(c => c.Steps).HasColumnType("jsonb").IsRequired();
        builder.Property(c => c.Budget).HasPrecision(12, 2);
        builder.Property(c => c.KillSwitchReason).HasMaxLength(500);
        builder.Property(c => c.KillSwitchBy).HasMaxLength(120);
        builder.Property(c => c.PauseReason).HasMaxLength(600);
        builder.Property(c => c.ReservedSpend).HasPrecision(14, 5);
        builder.Property(c => c.Spent).HasPrecision(14, 5);
        builder.Property(c => c.CreatedBy).HasMaxLength(120).IsRequired();
        builder.Ignore(c => c.AudienceDefinition);
        builder.Ignore(c => c.StepList);
        builder.Ignore(c => c.Window);
        builder.Ignore(c => c.Plan);
        builder.HasIndex(c => new { c.TeamId, c.State });
    }
}
