using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class SendingNumberConfiguration : IEntityTypeConfiguration<SendingNumber>
{
    public void Configure(EntityTypeBuilder<SendingNumber> builder)
    {
        builder.ToTable("sending_numbers");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(n => n.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.Number).HasMaxLength(16).IsRequired();
        builder.Property(n => n.Provider).HasMaxLength(32).IsRequired();
        builder.Property(n => n.Label).HasMaxLength(100);
        builder.Property(n => n.AreaCode).HasMaxLength(3);
        builder.Property(n => n.State).HasMaxLength(2);
        // The receiving number names the team on every webhook: one number, one team, installation-wide.
        builder.HasIndex(n => n.Number).IsUnique();
        builder.HasIndex(n => new { n.TeamId, n.IsActive });
    }
}
