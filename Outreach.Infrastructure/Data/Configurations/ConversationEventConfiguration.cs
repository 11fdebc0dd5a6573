using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Inbox;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ConversationEventConfiguration : IEntityTypeConfiguration<ConversationEvent>
{
    public void Configure(EntityTypeBuilder<ConversationEvent> builder)
    {
        builder.ToTable("conversation_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(e => e.FromValue).HasMaxLength(ConversationEvent.MaxValueLength);
        builder.Property(e => e.ToValue).HasMaxLength(ConversationEvent.MaxValueLength);
        builder.Property(e => e.Reason).HasMaxLength(ConversationEvent.MaxReasonLength);
        builder.Property(e => e.ActorName).HasMaxLength(120).IsRequired();
        builder.HasIndex(e => new { e.ConversationId, e.OccurredAt });
        builder.HasIndex(e => e.TeamId);
    }
}
