using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Reports;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class WeeklyReportSubscriptionConfiguration : IEntityTypeConfiguration<WeeklyReportSubscription>
{
    public void Configure(EntityTypeBuilder<WeeklyReportSubscription> builder)
    {
        builder.ToTable("weekly_report_subscriptions");
        builder.HasKey(s => s.TeamId);
        builder.HasOne<Team>().WithOne().HasForeignKey<WeeklyReportSubscription>(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Recipients).HasMaxLength(WeeklyReportSubscription.MaxRecipientsLength).IsRequired();
        builder.Ignore(s => s.RecipientList);
    }
}
