using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Inbox;
using Outreach.Domain.Prospects;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Identity;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class OperatorTaskConfiguration : IEntityTypeConfiguration<OperatorTask>
{
    public void Configure(EntityTypeBuilder<OperatorTask> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Prospect>().WithMany().HasForeignKey(t => t.ProspectId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(t => t.Title).HasMaxLength(OperatorTask.MaxTitleLength).IsRequired();
        builder.Property(t => t.Notes).HasMaxLength(OperatorTask.MaxNotesLength);
        builder.Property(t => t.Priority).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(t => t.AssigneeRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(8).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(120).IsRequired();
        builder.Property(t => t.DoneBy).HasMaxLength(120);
        builder.Property(t => t.SourceKey).HasMaxLength(80);

        builder.HasIndex(t => new { t.TeamId, t.SourceKey }).IsUnique().HasFilter("source_key IS NOT NULL");
        builder.HasIndex(t => new { t.TeamId, t.Status, t.DueAt });
        builder.HasIndex(t => new { t.AssigneeUserId, t.Status, t.DueAt });
        builder.HasIndex(t => t.ConversationId);
        builder.HasIndex(t => t.ProspectId);
    }
}
