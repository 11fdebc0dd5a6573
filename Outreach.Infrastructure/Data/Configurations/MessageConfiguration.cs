using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Direction).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(m => m.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Body).HasMaxLength(Message.MaxBodyLength).IsRequired();
        builder.Property(m => m.From).HasMaxLength(16).IsRequired();
        builder.Property(m => m.To).HasMaxLength(16).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(m => m.Provider).HasMaxLength(32).IsRequired();
        builder.Property(m => m.ProviderMessageId).HasMaxLength(64);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(128);
        builder.Property(m => m.ErrorCode).HasMaxLength(32);
        builder.Property(m => m.ErrorMessage).HasMaxLength(500);
        builder.Property(m => m.Cost).HasPrecision(12, 5);
        builder.Property(m => m.ClaimedBy).HasMaxLength(200);
        builder.Property(m => m.SentByName).HasMaxLength(120);
        builder.Property(m => m.Classification).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ExtractedEmail).HasMaxLength(254);

        // A retried webhook or a repeated send request finds its message instead of making a second one.
        builder.HasIndex(m => new { m.Provider, m.ProviderMessageId }).IsUnique().HasFilter("provider_message_id IS NOT NULL");
        builder.HasIndex(m => new { m.TeamId, m.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        // The queue: due rows in order, and leases to recover after a crash.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'Queued'").HasDatabaseName("ix_messages_queue");
        builder.HasIndex(m => m.LeaseUntil).HasFilter("status = 'Sending'").HasDatabaseName("ix_messages_leases");
        // An opt-out cancels what is still queued for that number; without this every opt-out scanned the queue.
        builder.HasIndex(m => new { m.TeamId, m.To }).HasFilter("status = 'Queued'").HasDatabaseName("ix_messages_queued_to");
        builder.HasIndex(m => new { m.ConversationId, m.CreatedAt });
        builder.HasIndex(m => new { m.TeamId, m.CreatedAt });

        // Campaign counters, caps and reports; frequency caps and the duplicate-content guard per number.
        builder.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(m => m.ReservedCost).HasPrecision(12, 5);
        builder.HasIndex(m => new { m.CampaignId, m.CreatedAt }).HasFilter("campaign_id IS NOT NULL");
        // Replies found from the message they answer (campaign counters, the opt-out rate pause).
        builder.HasIndex(m => m.AnswersMessageId).HasFilter("answers_message_id IS NOT NULL");
        builder.HasIndex(m => new { m.TeamId, m.To, m.CreatedAt }).HasFilter("direction = 'Outbound'").HasDatabaseName("ix_messages_outbound_to");
        // Settlement finds reserved spend still open without scanning settled history.
        builder.HasIndex(m => m.CreatedAt).HasFilter("reserved_cost IS NOT NULL AND cost_settled_at IS NULL").HasDatabaseName("ix_messages_unsettled");
    }
}
