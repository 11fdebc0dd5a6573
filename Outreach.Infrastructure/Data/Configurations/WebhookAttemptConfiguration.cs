using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Teams;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(a => a.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Request).HasMaxLength(WebhookAttempt.MaxRequestLength).IsRequired();
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookAttempt.MaxExcerptLength);
        builder.Property(a => a.Error).HasMaxLength(WebhookAttempt.MaxExcerptLength);
        builder.Property(a => a.Node).HasMaxLength(200).IsRequired();

        // The delivery log: a subscription's attempts, newest first.
        builder.HasIndex(a => new { a.SubscriptionId, a.AttemptedAt });
        builder.HasIndex(a => a.DeliveryId);
    }
}
