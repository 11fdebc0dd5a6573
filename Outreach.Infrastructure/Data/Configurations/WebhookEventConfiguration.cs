using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Seq).UseIdentityAlwaysColumn();
        builder.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Type).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Data).HasColumnType("jsonb").IsRequired();
        builder.Property(e => e.DedupeKey).HasMaxLength(80);

        // A repeated change (a retried provider callback) finds its event already written.
        builder.HasIndex(e => new { e.TeamId, e.Type, e.DedupeKey }).IsUnique().HasFilter("dedupe_key IS NOT NULL");
        // The dispatcher's fan-out reads only what it has not fanned out yet.
        builder.HasIndex(e => e.Seq, "ix_webhook_events_pending").HasFilter("NOT fanned_out");
        builder.HasIndex(e => e.OccurredAt);
    }
}
