using Outreach.Domain.Common;

namespace Outreach.Domain.Teams;

/// <summary>A tenant: every row a team owns carries its id.</summary>
public sealed class Team
{
    public const int MaxNameLength = 120;

    private Team()
    {
        Name = string.Empty;
        Slug = string.Empty;
        TimeZone = "America/New_York";
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Slug { get; private set; }

    /// <summary>IANA zone used for the team's own reports and schedules (recipients use their own).</summary>
    public string TimeZone { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Team Create(string name, string timeZone, TimeProvider clock)
    {
        var team = new Team { Id = Guid.CreateVersion7(clock.GetUtcNow()), CreatedAt = clock.GetUtcNow() };
        team.Rename(name);
        team.ChangeTimeZone(timeZone);
        return team;
    }

    public void Rename(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("A team needs a name.");
        }
        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException($"A team name has at most {MaxNameLength} characters.");
        }
        Name = trimmed;
        Slug = Slugify(trimmed);
    }

    public void ChangeTimeZone(string timeZone)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? string.Empty, out _))
        {
            throw new DomainException($"'{timeZone}' is not a known time zone.");
        }
        TimeZone = timeZone!;
    }

    internal static string Slugify(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "team" : slug;
    }
}
