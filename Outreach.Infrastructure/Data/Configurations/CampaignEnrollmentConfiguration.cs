using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class CampaignEnrollmentConfiguration : IEntityTypeConfiguration<CampaignEnrollment>
{
    public void Configure(EntityTypeBuilder<CampaignEnrollment> builder)
    {
        builder.ToTable("campaign_enrollments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Prospect>().WithMany().HasForeignKey(e => e.ProspectId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(e => e.LastSkipReason).HasMaxLength(32);
        builder.Property(e => e.Variant).HasConversion<string>().HasMaxLength(1).IsRequired();

        builder.HasIndex(e => new { e.CampaignId, e.ProspectId }).IsUnique();
        builder.HasIndex(e => new { e.CampaignId, e.State });
        builder.HasIndex(e => e.ProspectId);
        // The engine's claim: due rows in order, only those still owed a message. The campaign and the team
        // ride along so the calendar's week grid (and its row-level security check) is an index-only scan.
        builder.HasIndex(e => new { e.NextDueAt, e.CampaignId, e.TeamId })
            .HasFilter("state IN ('Pending', 'Active')").HasDatabaseName("ix_campaign_enrollments_due");
    }
}
