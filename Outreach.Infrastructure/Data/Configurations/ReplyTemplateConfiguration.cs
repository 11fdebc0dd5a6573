using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> builder)
    {
        builder.ToTable("reply_templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Name).HasMaxLength(ReplyTemplate.MaxNameLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(Message.MaxBodyLength).IsRequired();
        builder.HasIndex(t => new { t.TeamId, t.Name }).IsUnique();
    }
}
