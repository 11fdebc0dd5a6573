namespace Outreach.Domain.Prospects;

/// <summary>The time zone a prospect's messages are scheduled in (quiet hours are local hours).</summary>
public static class TimeZones
{
    /// <summary>
    /// The zone of the prospect's state; when the state is unknown, the zone of the phone's area code.
    /// When the area code belongs to the same state, its zone wins: it is the finer answer in states
    /// that straddle a zone line (an 850 number in Florida is on Central time, a 915 in Texas on Mountain).
    /// A mobile number keeps its area code when its owner moves, so an area code from another state
    /// never overrides the address. A number outside our area-code table (another country, a new overlay)
    /// falls back on the numbering plan's zone for it, so quiet hours need the four-zone fallback less often.
    /// Null when none of these knows.
    /// </summary>
    public static string? Resolve(string? stateCode, string? phoneE164)
    {
        var state = UsStates.Normalize(stateCode);
        var areaCode = PhoneNumbers.AreaCodeSpan(phoneE164);
        if (state is null)
        {
            return (areaCode.IsEmpty ? null : AreaCodes.TimeZoneFor(areaCode)) ?? PhoneNumbers.TimeZoneOf(phoneE164);
        }
        if (!areaCode.IsEmpty && string.Equals(AreaCodes.StateFor(areaCode), state, StringComparison.Ordinal))
        {
            return AreaCodes.TimeZoneFor(areaCode);
        }
        return UsStates.TimeZoneFor(state);
    }
}
