using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Infrastructure.Inbox;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ConversationViewerConfiguration : IEntityTypeConfiguration<ConversationViewer>
{
    public void Configure(EntityTypeBuilder<ConversationViewer> builder)
    {
        builder.ToTable("conversation_viewers");
        builder.HasKey(v => v.ViewerId);
        builder.Property(v => v.ViewerId).ValueGeneratedNever();
        builder.Property(v => v.UserName).HasMaxLength(120).IsRequired();
        builder.HasIndex(v => new { v.TeamId, v.ConversationId });
    }
}
