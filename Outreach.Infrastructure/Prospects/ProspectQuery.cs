using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Prospects;

/// <summary>
/// The filter as SQL. Each clause matches an index of the prospects table (see ProspectConfiguration);
/// the team is the context's, never a parameter of the filter.
/// </summary>
public static class ProspectQuery
{
    /// <summary>Searches shorter than this scan too much of the trigram index to be useful.</summary>
    public const int MinSearchLength = 2;

    /// <summary>How many of the team's newest prospects <see cref="CommonTagsAsync"/> looks at.</summary>
    private const int TagSampleSize = 1_000;

    /// <summary>
    /// A tag on at least this share of the newest prospects is "common": walking the newest-first index and
    /// checking each row finds a page (and the capped count) sooner than listing every tagged id. Where the
    /// two cost the same: the walk reads about CountLimit / share rows, the list share × team size ids at
    /// about ten times the cost per row, so at a million prospects they meet near 3%.
    /// </summary>
    private const double CommonTagShare = 0.03;

    /// <summary>
    /// The filter's tags that are common among the team's newest prospects. One small query under the
    /// team's own row-level security (no statistics shared between teams are read), so the choice of plan
    /// reveals nothing about another team.
    /// </summary>
    public static async Task<IReadOnlySet<string>> CommonTagsAsync(OutreachDbContext db, ProspectFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Tags.Count == 0)
        {
            return new HashSet<string>();
        }
        var recent = await db.Set<Prospect>().AsNoTracking()
            .Where(p => p.DeletedAt == null)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Take(TagSampleSize)
            .Select(p => EF.Property<List<string>>(p, "_tags"))
            .ToListAsync(cancellationToken);
        var common = new HashSet<string>();
        foreach (var tag in filter.Tags.Select(t => t.Trim().ToLowerInvariant()))
        {
            if (recent.Count > 0 && recent.Count(tags => tags.Contains(tag)) >= CommonTagShare * recent.Count)
            {
                common.Add(tag);
            }
        }
        return common;
    }

    public static IQueryable<Prospect> Apply(OutreachDbContext db, IQueryable<Prospect> prospects, ProspectFilter filter, IReadOnlySet<string>? commonTags = null)
    {
        var query = prospects.Where(p => p.DeletedAt == null);
        if (Normalize(filter.Search) is { } search)
        {
            // A phone number (however it is typed) or an e-mail address is looked up exactly, through its
            // unique index; anything else is a substring of the name or the company.
            if (search.Count(char.IsAsciiDigit) >= 7 && PhoneNumbers.Parse(search).E164 is { } phone)
            {
                query = query.Where(p => p.Phone == phone);
            }
            else if (search.Contains('@') && EmailAddresses.Normalize(search) is { } email)
            {
                query = query.Where(p => p.Email == email);
            }
            else
            {
                // The indexed search runs in a function (see the ProspectSearchFunctions migration): under
                // row-level security a LIKE in this query could not use the trigram index.
                var pattern = ContainsPattern(search);
                var matching = db.Database.SqlQuery<Guid>($"SELECT app_prospects_matching({pattern}) AS \"Value\"");
                query = query.Where(p => matching.Contains(p.Id));
            }
        }
        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToList();
            query = query.Where(p => statuses.Contains(p.Status));
        }
        foreach (var tag in filter.Tags)
        {
            var normalized = tag.Trim().ToLowerInvariant();
            if (commonTags?.Contains(normalized) == true)
            {
                // Under row-level security this condition cannot use the tag index; it is checked row by row
                // while the sort's index is walked, which for a common tag stops after a few hundred rows.
                query = query.Where(p => EF.Property<List<string>>(p, "_tags").Contains(normalized));
                continue;
            }
            var tagged = db.Database.SqlQuery<Guid>($"SELECT app_prospects_tagged({normalized}) AS \"Value\"");
            query = query.Where(p => tagged.Contains(p.Id));
        }
        if (filter.States.Count > 0)
        {
            var states = filter.States.ToList();
            query = query.Where(p => states.Contains(p.State!));
        }
        if (filter.Sectors.Count > 0)
        {
            var sectors = filter.Sectors.ToList();
            query = query.Where(p => sectors.Contains(p.Sector!));
        }
        if (filter.RevenueTiers.Count > 0)
        {
            var tiers = filter.RevenueTiers.Select(t => (RevenueTier?)t).ToList();
            query = query.Where(p => tiers.Contains(p.RevenueTier));
        }
        if (filter.MinScore is { } min)
        {
            query = query.Where(p => p.Score >= min);
        }
        if (filter.MaxScore is { } max)
        {
            query = query.Where(p => p.Score <= max);
        }
        if (filter.ImportId is { } importId)
        {
            query = query.Where(p => p.ImportId == importId);
        }
        if (filter.HasPhone is { } hasPhone)
        {
            query = hasPhone ? query.Where(p => p.Phone != null) : query.Where(p => p.Phone == null);
        }
        if (filter.HasEmail is { } hasEmail)
        {
            query = hasEmail ? query.Where(p => p.Email != null) : query.Where(p => p.Email == null);
        }
        if (filter.DoNotContact is { } dnc)
        {
            query = query.Where(p => p.DoNotContact == dnc);
        }
        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(p => p.CreatedAt >= from);
        }
        if (filter.CreatedTo is { } to)
        {
            query = query.Where(p => p.CreatedAt < to);
        }
        return query;
    }

    public static IQueryable<Prospect> Sort(IQueryable<Prospect> query, ProspectSort sort) => sort switch
    {
        ProspectSort.Oldest => query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
        ProspectSort.ScoreHigh => query.OrderByDescending(p => p.Score).ThenByDescending(p => p.Id),
        ProspectSort.ScoreLow => query.OrderBy(p => p.Score).ThenBy(p => p.Id),
        ProspectSort.Name => query.OrderBy(p => p.FullName).ThenBy(p => p.Id),
        ProspectSort.Company => query.OrderBy(p => p.Company).ThenBy(p => p.Id),
        _ => query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
    };

    private static string? Normalize(string? search)
    {
        var trimmed = search?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length < MinSearchLength ? null : trimmed;
    }

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, its own % and _ taken literally.</summary>
    internal static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
