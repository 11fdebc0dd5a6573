using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Teams;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(d => d.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(d => d.LeaseOwner).HasMaxLength(200);
        builder.Property(d => d.LastError).HasMaxLength(WebhookAttempt.MaxExcerptLength);

        // One delivery per event and subscription: a replay sends the same delivery again.
        builder.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        // The claim: due pending rows; ordered subscriptions look for an earlier pending event of theirs.
        builder.HasIndex(d => d.NextAttemptAt, "ix_webhook_deliveries_due").HasFilter("state = 'Pending'");
        builder.HasIndex(d => new { d.SubscriptionId, d.EventSeq }, "ix_webhook_deliveries_pending_order").HasFilter("state = 'Pending'");
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        builder.HasIndex(d => d.EventId);
    }
}
