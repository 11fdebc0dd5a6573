using System.Globalization;

namespace Outreach.Console.Features.Shared;

/// <summary>How long ago, in the short form the feeds and tables use.</summary>
public static class RelativeTime
{
    public static string Describe(DateTimeOffset at, DateTimeOffset now)
    {
        var elapsed = now - at;
        if (elapsed < -TimeSpan.FromSeconds(5))
        {
            // A moment still to come (a snooze's end) is never "just now"; a few seconds ahead is another node's clock.
            return elapsed > -TimeSpan.FromMinutes(1) ? "in under a minute" : Around(at, now);
        }
        if (elapsed < TimeSpan.FromSeconds(45))
        {
            return elapsed < TimeSpan.FromSeconds(5) ? "just now" : $"{Math.Max(0, (int)elapsed.TotalSeconds)} s ago";
        }
        if (elapsed < TimeSpan.FromHours(1))
        {
            return $"{Math.Max(1, (int)Math.Round(elapsed.TotalMinutes))} min ago";
        }
        if (elapsed < TimeSpan.FromDays(1))
        {
            return $"{(int)elapsed.TotalHours} h ago";
        }
        return at.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>A moment either side of now, for due times: "in 40 min", "2 h ago", "in 3 d".</summary>
    public static string Around(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var distance = span.Duration();
        var amount = distance < TimeSpan.FromMinutes(1) ? "now"
            : distance < TimeSpan.FromHours(1) ? $"{(int)distance.TotalMinutes} min"
            : distance < TimeSpan.FromDays(2) ? $"{(int)distance.TotalHours} h"
            : $"{(int)distance.TotalDays} d";
        return amount == "now" ? "now" : span > TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }
}
