using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Data.Configurations;

internal sealed class ProspectConfiguration : IEntityTypeConfiguration<Prospect>
{
    /// <summary>
    /// The lead score as the database computes it, so set-based imports and the grid agree with
    /// <see cref="LeadScoring"/> without reading rows back; LeadScoreColumnTests keeps the two equal.
    /// </summary>
    public const string ScoreSql = """
        GREATEST(0, 50
            + CASE WHEN is_owner_or_executive THEN 20 ELSE 0 END
            + CASE WHEN email_verified THEN 10 ELSE 0 END
            + CASE WHEN linked_in IS NOT NULL THEN 10 ELSE 0 END
            + CASE WHEN revenue_tier IN ('MainStreet', 'Growth') THEN 15 ELSE 0 END
            + engagement_score)
        """;

    /// <summary>
    /// Name and company only: every character costs trigram index entries on each imported row, and
    /// phones and e-mails are found exactly through their own unique indexes instead.
    /// </summary>
    public const string SearchTextSql =
        "lower(coalesce(full_name, '') || ' ' || coalesce(company, ''))";

    public void Configure(EntityTypeBuilder<Prospect> builder)
    {
        builder.ToTable("prospects");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);

        foreach (var name in new[] { nameof(Prospect.FullName), nameof(Prospect.Company), nameof(Prospect.Address) })
        {
            builder.Property(name).HasMaxLength(200);
        }
        foreach (var name in new[] { nameof(Prospect.FirstName), nameof(Prospect.LastName), nameof(Prospect.Title), nameof(Prospect.City), nameof(Prospect.County) })
        {
            builder.Property(name).HasMaxLength(100);
        }
        builder.Property(p => p.Phone).HasMaxLength(16);
        builder.Property(p => p.SecondaryPhone).HasMaxLength(16);
        builder.Property(p => p.PhoneExtension).HasMaxLength(10);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.State).HasMaxLength(2);
        builder.Property(p => p.Zip).HasMaxLength(10);
        builder.Property(p => p.Website).HasMaxLength(300);
        builder.Property(p => p.LinkedIn).HasMaxLength(300);
        builder.Property(p => p.Sic).HasMaxLength(8);
        builder.Property(p => p.Sector).HasMaxLength(80);
        builder.Property(p => p.SubSector).HasMaxLength(120);
        builder.Property(p => p.Revenue).HasPrecision(16, 2);
        builder.Property(p => p.RevenueTier).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property<List<string>>("_tags").HasColumnName("tags").HasColumnType("text[]").IsRequired();
        builder.Ignore(p => p.Tags);
        builder.Property(p => p.CustomFields).HasColumnType("jsonb").IsRequired();
        builder.Property(p => p.Score).HasComputedColumnSql(ScoreSql, stored: true);
        builder.Property(p => p.SearchText).HasComputedColumnSql(SearchTextSql, stored: true);

        // Duplicates are decided by phone or e-mail within a team; the database makes it impossible to get wrong.
        builder.HasIndex(p => new { p.TeamId, p.Phone }).IsUnique().HasFilter("phone IS NOT NULL AND deleted_at IS NULL");
        builder.HasIndex(p => new { p.TeamId, p.Email }).IsUnique().HasFilter("email IS NOT NULL AND deleted_at IS NULL");

        // The grid: newest first by default, and one index per common filter or sort.
        builder.HasIndex(p => new { p.TeamId, p.CreatedAt, p.Id }).IsDescending(false, true, true);
        builder.HasIndex(p => new { p.TeamId, p.Score });
        builder.HasIndex(p => new { p.TeamId, p.State });
        builder.HasIndex(p => new { p.TeamId, p.Sector });
        builder.HasIndex(p => new { p.TeamId, p.ImportId });
        builder.HasIndex("_tags").HasMethod("gin");
        // The trigram index on the search text lives on prospect_search (ProspectSearchEntryConfiguration).
    }
}
