using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Teams;
using Outreach.Domain.Webhooks;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Name).HasMaxLength(WebhookSubscription.MaxNameLength).IsRequired();
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.MaxUrlLength).IsRequired();
        builder.Property(s => s.Format).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(s => s.EventTypes).HasColumnType("text[]").IsRequired();
        builder.Property(s => s.DisabledReason).HasMaxLength(WebhookSubscription.MaxReasonLength);
        builder.Property(s => s.Secret).HasMaxLength(100).IsRequired();
        builder.Property(s => s.PreviousSecret).HasMaxLength(100);

        builder.HasIndex(s => s.TeamId);
    }
}
