using System.Collections.Frozen;

namespace Outreach.Domain.Prospects;

/// <summary>
/// Two-letter postal codes for US states, DC and the inhabited territories. Canadian provinces and
/// territories are included too: they share the numbering plan, and lists bought for "North America"
/// mix them in under the same "State" column.
/// </summary>
public static class UsStates
{
    private const string Eastern = "America/New_York";
    private const string Central = "America/Chicago";
    private const string Mountain = "America/Denver";
    private const string Pacific = "America/Los_Angeles";

    // Code, the zone most of its population lives in, then the names and abbreviations seen in lists
    // (AP style "Calif.", GPO style "Penna.", obsolete postal codes such as "PQ").
    private static readonly (string Code, string TimeZone, string[] Names)[] Table =
    [
        ("AL", Central, ["Alabama", "Ala"]),
        ("AK", "America/Anchorage", ["Alaska"]),
        ("AZ", "America/Phoenix", ["Arizona", "Ariz"]),
        ("AR", Central, ["Arkansas", "Ark"]),
        ("CA", Pacific, ["California", "Calif", "Cal", "Cali"]),
        ("CO", Mountain, ["Colorado", "Colo"]),
        ("CT", Eastern, ["Connecticut", "Conn"]),
        ("DE", Eastern, ["Delaware", "Del"]),
        ("DC", Eastern, ["District of Columbia", "Washington DC", "Wash DC"]),
        ("FL", Eastern, ["Florida", "Fla"]),
        ("GA", Eastern, ["Georgia"]),
        ("HI", "Pacific/Honolulu", ["Hawaii"]),
        ("ID", "America/Boise", ["Idaho"]),
        ("IL", Central, ["Illinois", "Ill"]),
        ("IN", "America/Indiana/Indianapolis", ["Indiana", "Ind"]),
        ("IA", Central, ["Iowa"]),
        ("KS", Central, ["Kansas", "Kan", "Kans"]),
        ("KY", Eastern, ["Kentucky"]),
        ("LA", Central, ["Louisiana"]),
        ("ME", Eastern, ["Maine"]),
        ("MD", Eastern, ["Maryland"]),
        ("MA", Eastern, ["Massachusetts", "Mass"]),
        ("MI", "America/Detroit", ["Michigan", "Mich"]),
        ("MN", Central, ["Minnesota", "Minn"]),
        ("MS", Central, ["Mississippi", "Miss"]),
        ("MO", Central, ["Missouri"]),
        ("MT", Mountain, ["Montana", "Mont"]),
        ("NE", Central, ["Nebraska", "Neb", "Nebr"]),
        ("NV", Pacific, ["Nevada", "Nev"]),
        ("NH", Eastern, ["New Hampshire"]),
        ("NJ", Eastern, ["New Jersey"]),
        ("NM", Mountain, ["New Mexico", "N Mex"]),
        ("NY", Eastern, ["New York", "New York State"]),
        ("NC", Eastern, ["North Carolina", "N Carolina", "N Car"]),
        ("ND", Central, ["North Dakota", "N Dakota", "N Dak"]),
        ("OH", Eastern, ["Ohio"]),
        ("OK", Central, ["Oklahoma", "Okla"]),
        ("OR", Pacific, ["Oregon", "Ore", "Oreg"]),
        ("PA", Eastern, ["Pennsylvania", "Penn", "Penna"]),
        ("RI", Eastern, ["Rhode Island"]),
        ("SC", Eastern, ["South Carolina", "S Carolina", "S Car"]),
        ("SD", Central, ["South Dakota", "S Dakota", "S Dak"]),
        ("TN", Central, ["Tennessee", "Tenn"]),
        ("TX", Central, ["Texas", "Tex"]),
        ("UT", Mountain, ["Utah"]),
        ("VT", Eastern, ["Vermont"]),
        ("VA", Eastern, ["Virginia"]),
        ("WA", Pacific, ["Washington", "Wash", "Washington State"]),
        ("WV", Eastern, ["West Virginia", "W Virginia", "W Va"]),
        ("WI", Central, ["Wisconsin", "Wis", "Wisc"]),
        ("WY", Mountain, ["Wyoming", "Wyo"]),
        ("PR", "America/Puerto_Rico", ["Puerto Rico"]),
        ("VI", "America/St_Thomas", ["Virgin Islands", "US Virgin Islands", "USVI"]),
        ("GU", "Pacific/Guam", ["Guam"]),
        ("AS", "Pacific/Pago_Pago", ["American Samoa"]),
        ("MP", "Pacific/Saipan", ["Northern Mariana Islands", "Northern Marianas", "CNMI"]),
        ("AB", "America/Edmonton", ["Alberta", "Alta"]),
        ("BC", "America/Vancouver", ["British Columbia"]),
        ("MB", "America/Winnipeg", ["Manitoba"]),
        ("NB", "America/Moncton", ["New Brunswick"]),
        ("NL", "America/St_Johns", ["Newfoundland and Labrador", "Newfoundland & Labrador", "Newfoundland", "Nfld", "NF"]),
        ("NS", "America/Halifax", ["Nova Scotia"]),
        ("NT", "America/Edmonton", ["Northwest Territories", "NWT"]),
        ("NU", "America/Iqaluit", ["Nunavut"]),
        ("ON", "America/Toronto", ["Ontario", "Ont"]),
        ("PE", "America/Halifax", ["Prince Edward Island", "PEI"]),
        ("QC", "America/Toronto", ["Quebec", "Québec", "Que", "PQ"]),
        ("SK", "America/Regina", ["Saskatchewan", "Sask"]),
        ("YT", "America/Whitehorse", ["Yukon", "Yukon Territory"]),
    ];

    private const int MaxKeyLength = 32;

    private static readonly FrozenDictionary<string, string> CodesByKey = BuildKeys();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CodesBySpan =
        CodesByKey.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string> ZonesByCode =
        Table.ToFrozenDictionary(s => s.Code, s => s.TimeZone, StringComparer.Ordinal);

    /// <summary>Every code <see cref="Normalize"/> can return.</summary>
    public static IReadOnlyCollection<string> Codes => ZonesByCode.Keys;

    /// <summary>"California", "calif.", "CA", "ca " -> "CA"; null when the text names no state or province.</summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        Span<char> key = stackalloc char[MaxKeyLength];
        var length = 0;
        foreach (var c in raw)
        {
            var folded = CellText.FoldWidth(c);
            if (!char.IsLetter(folded))
            {
                continue;
            }
            if (length == MaxKeyLength)
            {
                return null;
            }
            key[length++] = folded;
        }
        return length > 0 && CodesBySpan.TryGetValue(key[..length], out var code) ? code : null;
    }

    /// <summary>The IANA zone most of the state's population lives in; null for an unknown code.</summary>
    public static string? TimeZoneFor(string stateCode)
    {
        var code = Normalize(stateCode);
        return code is null ? null : ZonesByCode[code];
    }

    // "N.Y.", "New York" and "new-york" all reduce to the same letters-only key.
    private static FrozenDictionary<string, string> BuildKeys()
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, _, names) in Table)
        {
            keys.Add(code, code);
            foreach (var name in names)
            {
                keys.Add(string.Concat(name.Where(char.IsLetter)), code);
            }
        }
        return keys.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
