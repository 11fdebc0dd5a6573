using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class MessagingSettingsConfiguration : IEntityTypeConfiguration<MessagingSettings>
{
    public void Configure(EntityTypeBuilder<MessagingSettings> builder)
    {
        builder.ToTable("messaging_settings");
        builder.HasKey(s => s.TeamId);
        builder.HasOne<Team>().WithOne().HasForeignKey<MessagingSettings>(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.PausedReason).HasMaxLength(500);
        builder.Property(s => s.PausedBy).HasMaxLength(120);
        builder.Property(s => s.ClassificationProfile).HasColumnType("jsonb").IsRequired();
        builder.Property(s => s.HotLeadSlaMinutes).HasDefaultValue(MessagingSettings.DefaultHotLeadSlaMinutes);
    }
}
