using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Automation;
using Outreach.Domain.Inbox;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class FollowUpExecutionConfiguration : IEntityTypeConfiguration<FollowUpExecution>
{
    public void Configure(EntityTypeBuilder<FollowUpExecution> builder)
    {
        builder.ToTable("follow_up_executions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<FollowUpRule>().WithMany().HasForeignKey(e => e.RuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Prospect>().WithMany().HasForeignKey(e => e.ProspectId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.TriggerKey).HasMaxLength(80).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(FollowUpExecution.MaxReasonLength);
        builder.Property(e => e.Definition).HasColumnType("jsonb").IsRequired();

        // One execution per rule and occurrence: a retried webhook or a replayed campaign batch schedules nothing twice.
        builder.HasIndex(e => new { e.RuleId, e.TriggerKey }).IsUnique();
        // "At most once per conversation": a second live or completed execution of a once-only rule cannot exist.
        builder.HasIndex(e => new { e.RuleId, e.ConversationId }, "ix_follow_up_executions_once").IsUnique()
            .HasFilter("once AND status IN ('Pending', 'Running', 'Completed')");
        // The executor's claims: due pending rows, and running rows whose lease ran out (their node died).
        builder.HasIndex(e => e.DueAt, "ix_follow_up_executions_due").HasFilter("status = 'Pending'");
        builder.HasIndex(e => e.LeaseUntil, "ix_follow_up_executions_lease").HasFilter("status = 'Running'");
        // A reply cancels the prospect's pending executions.
        builder.HasIndex(e => e.ProspectId, "ix_follow_up_executions_pending_prospect").HasFilter("status = 'Pending'");
        builder.HasIndex(e => new { e.TeamId, e.DueAt });
        // The history and the rules' weekly counts.
        builder.HasIndex(e => new { e.TeamId, e.FinishedAt });
        builder.HasIndex(e => e.ConversationId);
    }
}
