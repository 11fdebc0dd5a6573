using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Messaging.Inbound;

/// <summary>
/// Each team's classification profile, kept in memory for a short while: a thousand webhooks a second
/// must not read the same JSON a thousand times. An edit in Settings calls <see cref="Forget"/>; other
/// nodes pick it up within <see cref="Lifetime"/>.
/// </summary>
public sealed class ClassificationProfiles(ISystemDbContextFactory systemContexts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (TeamReplySettings Settings, DateTimeOffset Expires)> _cache = new();

    public async ValueTask<ClassificationProfile> GetAsync(Guid teamId, CancellationToken cancellationToken) =>
        (await GetSettingsAsync(teamId, cancellationToken)).Profile;

    /// <summary>The profile with the team's auto-reply switch and threshold, read together and kept together.</summary>
    public async ValueTask<TeamReplySettings> GetSettingsAsync(Guid teamId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(teamId, out var cached) && cached.Expires > clock.GetUtcNow())
        {
            return cached.Settings;
        }
        await using var db = systemContexts.CreateDbContext();
        var row = await db.Set<MessagingSettings>().AsNoTracking().Where(s => s.TeamId == teamId)
            .Select(s => new { s.ClassificationProfile, s.AutoReplyEnabled, s.AutoReplyThreshold }).SingleOrDefaultAsync(cancellationToken);
        var settings = new TeamReplySettings(Parse(row?.ClassificationProfile), row?.AutoReplyEnabled == true,
            row?.AutoReplyThreshold ?? MessagingSettings.DefaultAutoReplyThreshold);
        _cache[teamId] = (settings, clock.GetUtcNow() + Lifetime);
        return settings;
    }

    public void Forget(Guid teamId) => _cache.TryRemove(teamId, out _);

    /// <summary>The stored profile, or the default when none was saved ("{}") or it no longer parses.</summary>
    public static ClassificationProfile Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Trim() == "{}")
        {
            return ClassificationProfile.Default;
        }
        try
        {
            return JsonSerializer.Deserialize<ClassificationProfile>(json) ?? ClassificationProfile.Default;
        }
        catch (JsonException)
        {
            return ClassificationProfile.Default;
        }
    }
}

public sealed record TeamReplySettings(ClassificationProfile Profile, bool AutoReplyEnabled, int AutoReplyThreshold);
