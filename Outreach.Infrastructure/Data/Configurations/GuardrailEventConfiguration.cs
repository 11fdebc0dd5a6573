using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class GuardrailEventConfiguration : IEntityTypeConfiguration<GuardrailEvent>
{
    public void Configure(EntityTypeBuilder<GuardrailEvent> builder)
    {
        builder.ToTable("guardrail_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Recipient).HasMaxLength(254).IsRequired();
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(e => e.Reason).HasConversion<string>().HasMaxLength(32).IsRequired();
        builder.Property(e => e.Explanation).HasMaxLength(500).IsRequired();
        builder.Property(e => e.Source).HasMaxLength(32);
        builder.HasIndex(e => new { e.TeamId, e.OccurredAt });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.CampaignId, e.Reason }).HasFilter("campaign_id IS NOT NULL");
        // A kill switch's refusals are counted on one entry per stop episode.
        builder.HasIndex(e => new { e.TeamId, e.Reason, e.CampaignId, e.StopStartedAt }).IsUnique().AreNullsDistinct(false)
            .HasFilter("stop_started_at IS NOT NULL").HasDatabaseName("ix_guardrail_events_stop_episode");
    }
}
