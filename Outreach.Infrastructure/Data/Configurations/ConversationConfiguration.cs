using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Inbox;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Prospect>().WithMany().HasForeignKey(c => c.ProspectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SendingNumber>().WithMany().HasForeignKey(c => c.SendingNumberId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.ProspectPhone).HasMaxLength(16).IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(c => c.Bucket).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(c => c.LastClassification).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(Conversation.MaxPreviewLength);
        builder.Property(c => c.Labels).HasColumnType("text[]").IsRequired();
        builder.HasIndex(c => new { c.TeamId, c.ProspectId, c.SendingNumberId }).IsUnique();
        // The inbox: each tab's list and each count is a scan of an index that holds only conversations in
        // triage (see InboxQueries.InTriageSql and the TriageNoise migration).
        const string inTriage = InboxQueries.InTriageSql;
        builder.HasIndex(c => new { c.TeamId, c.LastMessageAt }).HasFilter(inTriage);
        builder.HasIndex(c => new { c.TeamId, c.WaitingSince }).HasFilter(inTriage);
        builder.HasIndex(c => new { c.TeamId, c.Status, c.Bucket }).HasFilter(inTriage);
        builder.HasIndex(c => new { c.TeamId, c.AssigneeId, c.Status, c.LastMessageAt }).HasFilter(inTriage);
        builder.HasIndex(c => new { c.TeamId, c.ProspectPhone });
        builder.HasIndex(c => c.TeamId, "ix_conversations_team_id_unread").HasFilter($"status = 'Open' AND unread_count > 0 AND {inTriage}");
        builder.HasIndex(c => new { c.TeamId, c.WaitingSince }, "ix_conversations_team_id_hot_waiting_since")
            .HasFilter($"status = 'Open' AND priority = 'Hot' AND {inTriage}");
        builder.HasIndex(c => c.SnoozedUntil);
        builder.HasIndex(c => new { c.TeamId, c.Status, c.LastMessageAt }).HasFilter(inTriage);
        builder.HasIndex(c => new { c.TeamId, c.Bucket, c.LastMessageAt }).HasFilter(inTriage);
        builder.HasIndex(c => c.SendingNumberId);
    }
}
