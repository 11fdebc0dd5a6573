using System.Globalization;

namespace Outreach.TestSupport;

/// <summary>Time zones picked for the hour it is there now, so that sending hours allow (or forbid) a send whenever a test runs.</summary>
public static class TestZones
{
    /// <summary>An IANA zone (a fixed-offset Etc/GMT one) in which it is about <paramref name="localHour"/>:00 right now.</summary>
    public static string WhereItIs(int localHour)
    {
        var offset = localHour - DateTime.UtcNow.Hour;
        offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
        // Etc/GMT signs are inverted: Etc/GMT-5 is UTC+5.
        return offset == 0 ? "Etc/UTC" : string.Create(CultureInfo.InvariantCulture, $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}");
    }

    /// <summary>About 13:00 now: inside every sending window.</summary>
    public static string Midday() => WhereItIs(13);
}
