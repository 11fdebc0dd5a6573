using System.Globalization;

namespace Outreach.Console.Features.Shared;

/// <summary>How long ago (or, for what is scheduled, how soon), in the short form the feeds and tables use.</summary>
public static class RelativeTime
{
    public static string Describe(DateTimeOffset at, DateTimeOffset now)
    {
        var elapsed = now - at;
        if (elapsed < -TimeSpan.FromSeconds(30))
        {
            var ahead = -elapsed;
            return ahead < TimeSpan.FromHours(1) ? $"in {Math.Max(1, (int)Math.Round(ahead.TotalMinutes))} min"
                : ahead < TimeSpan.FromDays(1) ? $"in {(int)ahead.TotalHours} h {ahead.Minutes:00} min"
                : at.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture);
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
}
