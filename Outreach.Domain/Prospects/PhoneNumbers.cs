// The library's namespace is also called PhoneNumbers, which would hide this class from every file that
// imports Outreach.Domain.Prospects; an alias keeps it out of the global namespace.
extern alias libphonenumber;

using System.Globalization;
using libphonenumber::PhoneNumbers;

namespace Outreach.Domain.Prospects;

/// <summary>
/// Reads the phone numbers people type into spreadsheets and returns them in E.164.
/// </summary>
/// <remarks>
/// The clean-up of what spreadsheets do to numbers (invisible characters, full-width digits, labels,
/// extensions, scientific notation) happens here; whether the result exists is then decided by Google's
/// numbering-plan data (libphonenumber), so a text is never queued to a number that cannot exist.
/// A bare number is read as North American (NANP). Other countries need an explicit "+" (or 00/011)
/// because "0201234567" could be anything. Vanity numbers ("1-800-FLOWERS") are converted with the
/// keypad: they are real, dialable business numbers and rejecting them would drop good prospects.
/// </remarks>
public static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Plan = PhoneNumberUtil.GetInstance();

    private const int MaxDigits = 15;
    private const int MaxExtensionDigits = 8;
    private const string Keypad = "22233344455566677778889999";

    private static readonly PhoneParse Missing = new(null, null, "missing");

    // Longest first, so "ext" is not mistaken for a bare "x".
    private static readonly string[] ExtensionMarkers = ["extension", "extn", "ext", "ex", "x", "#"];

    public static PhoneParse Parse(string? raw)
    {
        if (raw is null)
        {
            return Missing;
        }
        var text = CellText.Unwrap(raw);
        if (text.IsEmpty || CellText.IsPlaceholder(text))
        {
            return Missing;
        }

        text = FirstOfSeveral(StripLabel(text));
        var number = SplitExtension(text, out var extension);
        if (IsScientificNotation(number))
        {
            return Invalid("turned into scientific notation by a spreadsheet; digits were lost");
        }
        number = StripSpreadsheetDecimal(number);

        Span<char> digits = stackalloc char[MaxDigits + 1];
        var count = 0;
        var plus = false;
        for (var i = 0; i < number.Length; i++)
        {
            var c = CellText.FoldWidth(number[i]);
            var value = CellText.DigitValue(c);
            if (value >= 0)
            {
                Append(digits, ref count, (char)('0' + value));
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (plus && c == '(' && number[(i + 1)..].StartsWith("0)"))
            {
                // "+49 (0)30 ...": the bracketed trunk zero is dialled only from inside the country.
                i += 2;
            }
            else if (IsSeparator(c) || IsDecoration(c) || CellText.IsInvisible(c))
            {
                // A soft hyphen or a bidi mark between the groups is as good as a space.
                continue;
            }
            else if (char.IsAsciiLetter(c))
            {
                var countryOrTrunkOne = count > 0 && digits[0] == '1';
                var complete = countryOrTrunkOne ? 11 : plus ? 8 : 10;
                if (count >= complete && !ContainsDigit(number[(i + 1)..]))
                {
                    // "(415) 555-2671 mobile": a label after a complete number, not a vanity word.
                    break;
                }
                if (count < 3 || (plus && !countryOrTrunkOne))
                {
                    return Invalid("contains letters");
                }
                Append(digits, ref count, Keypad[char.ToLowerInvariant(c) - 'a']);
            }
            else if (char.IsLetter(c))
            {
                return Invalid("contains letters");
            }
            else
            {
                return Invalid($"unexpected character '{c}'");
            }
        }

        if (count == 0)
        {
            return Invalid("no digits");
        }
        if (count > MaxDigits)
        {
            return Invalid($"{count} digits");
        }

        ReadOnlySpan<char> all = digits[..count];
        var national = count == 10 || (count == 11 && all[0] == '1');
        if (!plus && !national)
        {
            // International dialling prefixes: 011 from North America, 00 from most other countries.
            if (all.Length > 3 && all.StartsWith("011"))
            {
                all = all[3..];
                plus = true;
            }
            else if (all.Length > 2 && all.StartsWith("00"))
            {
                all = all[2..];
                plus = true;
            }
        }

        if (plus)
        {
            if (all[0] == '1')
            {
                return all.Length == 11 ? Nanp(all[1..], extension) : Invalid($"{all.Length - 1} digits after +1");
            }
            if (all[0] == '0')
            {
                return Invalid("country code cannot start with 0");
            }
            return all.Length is >= 8 and <= MaxDigits
                ? International(all, extension)
                : Invalid($"{all.Length} digits; international numbers have 8 to 15");
        }

        return count switch
        {
            10 => Nanp(all, extension),
            11 when all[0] == '1' => Nanp(all[1..], extension),
            11 => Invalid("11 digits without a leading 1"),
            _ => Invalid($"{count} digits"),
        };
    }

    /// <summary>The area code of a North American E.164 number ("+14155550123" -> "415"), else null.</summary>
    public static string? AreaCode(string e164) => IsNanp(e164) ? e164.Substring(2, 3) : null;

    /// <summary>
    /// "(512) 968-2675" for a NANP number in E.164, "+44 20 7946 0958" for another country's (grouped as that
    /// country writes it); anything that is not a number as it is.
    /// </summary>
    public static string Display(string e164)
    {
        if (IsNanp(e164))
        {
            return $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}";
        }
        return TryRead(e164) is { } number ? Plan.Format(number, PhoneNumberFormat.INTERNATIONAL) : e164;
    }

    /// <summary>
    /// The time zone of the region a number belongs to, when the numbering plan gives exactly one
    /// ("+44..." is Europe/London, "+1 867..." spans three zones and gives none).
    /// </summary>
    public static string? TimeZoneOf(string? e164)
    {
        if (TryRead(e164) is not { } number)
        {
            return null;
        }
        var mapper = PhoneNumberToTimeZonesMapper.GetInstance();
        var zones = mapper.GetTimeZonesForNumber(number);
        return zones.Count == 1 && zones[0] != mapper.GetUnknownTimeZone() ? zones[0] : null;
    }

    internal static ReadOnlySpan<char> AreaCodeSpan(string? e164) =>
        IsNanp(e164) ? e164.AsSpan(2, 3) : [];

    private static bool IsNanp(string? e164) =>
        e164 is { Length: 12 } && e164.StartsWith("+1", StringComparison.Ordinal) && !e164.AsSpan(2).ContainsAnyExceptInRange('0', '9');

    private static PhoneParse Nanp(ReadOnlySpan<char> national, string? extension)
    {
        if (!national.ContainsAnyExcept(national[0]))
        {
            return Invalid("all digits are the same");
        }
        var areaCode = national[..3];
        if (areaCode[0] is '0' or '1')
        {
            return Invalid($"area code {areaCode} cannot start with {areaCode[0]}");
        }
        if (areaCode[1] == '1' && areaCode[2] == '1')
        {
            return Invalid($"area code {areaCode} is an N11 service code");
        }
        var exchange = national.Slice(3, 3);
        if (exchange[0] is '0' or '1')
        {
            return Invalid($"exchange {exchange} cannot start with {exchange[0]}");
        }
        if (exchange.SequenceEqual("555") && national.Slice(6, 2).SequenceEqual("01"))
        {
            return Invalid("555-01xx numbers are reserved for fiction");
        }
        var e164 = string.Concat("+1", national);
        if (TryRead(e164) is not { } number || !Plan.IsValidNumber(number))
        {
            // Unassigned area codes (and the few exchanges an area code does not use) cannot receive a text.
            return Invalid($"area code {areaCode} is not in service");
        }
        return new PhoneParse(e164, extension, null);
    }

    private static PhoneParse International(ReadOnlySpan<char> digits, string? extension)
    {
        var e164 = string.Concat("+", digits);
        if (TryRead(e164) is not { } number)
        {
            return Invalid("unknown country code");
        }
        var region = Plan.GetRegionCodeForCountryCode(number.CountryCode);
        if (Plan.IsValidNumber(number))
        {
            return new PhoneParse(Plan.Format(number, PhoneNumberFormat.E164), extension, null);
        }
        return Plan.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => Invalid("unknown country code"),
            PhoneNumberUtil.ValidationResult.TOO_SHORT => Invalid($"too short for a {region} number"),
            PhoneNumberUtil.ValidationResult.TOO_LONG => Invalid($"too long for a {region} number"),
            _ => Invalid($"not a {region} number"),
        };
    }

    private static PhoneNumber? TryRead(string? e164)
    {
        if (string.IsNullOrEmpty(e164) || e164[0] != '+')
        {
            return null;
        }
        try
        {
            return Plan.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            // Its country code is none the plan knows.
            return null;
        }
    }

    private static PhoneParse Invalid(string error) => new(null, null, error);

    private static void Append(Span<char> digits, ref int count, char digit)
    {
        if (count < digits.Length)
        {
            digits[count] = digit;
        }
        count++;
    }

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c)
        || c is '.' or '-' or '(' or ')' or '/' or ',' or '[' or ']' or '_' or '·' or '•' or '\u2212'
        || c is >= '\u2010' and <= '\u2015';

    // "📞 415-555-2671", "☎️ (415) 555-2671": scraped lists decorate numbers with symbols.
    private static bool IsDecoration(char c) =>
        char.IsSurrogate(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.NonSpacingMark;

    private static bool ContainsDigit(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (CellText.DigitValue(CellText.FoldWidth(c)) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    // "Tel: ...", "Mobile: ...", "tel:+1..." (a URI copied from a web page).
    private static ReadOnlySpan<char> StripLabel(ReadOnlySpan<char> text)
    {
        var colon = text[..Math.Min(text.Length, 12)].IndexOf(':');
        if (colon <= 0)
        {
            return text;
        }
        foreach (var c in text[..colon])
        {
            if (!char.IsLetter(c) && c is not ' ' and not '.')
            {
                return text;
            }
        }
        return CellText.Trim(text[(colon + 1)..]);
    }

    // CRM exports put several numbers in one cell; the first is the one the owner listed first.
    private static ReadOnlySpan<char> FirstOfSeveral(ReadOnlySpan<char> text)
    {
        var cut = text.IndexOfAny(";|\n\r");
        var or = text.IndexOf(" or ", StringComparison.OrdinalIgnoreCase);
        if (or > 0 && (cut < 0 || or < cut))
        {
            cut = or;
        }
        // A comma only separates numbers when another number follows; "x45" after a comma is an extension.
        for (var comma = text.IndexOf(','); comma >= 0 && (cut < 0 || comma < cut);)
        {
            var next = CellText.Trim(text[(comma + 1)..]);
            if (!next.IsEmpty && (next[0] is '+' or '(' || CellText.DigitValue(next[0]) >= 0))
            {
                cut = comma;
                break;
            }
            var following = text[(comma + 1)..].IndexOf(',');
            comma = following < 0 ? -1 : comma + 1 + following;
        }
        return cut > 0 ? CellText.Trim(text[..cut]) : text;
    }

    private static ReadOnlySpan<char> SplitExtension(ReadOnlySpan<char> text, out string? extension)
    {
        extension = null;
        var end = text.Length;
        while (end > 0 && (text[end - 1] is ')' or ']' || char.IsWhiteSpace(text[end - 1])))
        {
            end--;
        }
        var digitsEnd = end;
        while (end > 0 && CellText.DigitValue(CellText.FoldWidth(text[end - 1])) >= 0)
        {
            end--;
        }
        var length = digitsEnd - end;
        if (length is 0 or > MaxExtensionDigits)
        {
            return text;
        }

        var markerEnd = end;
        while (markerEnd > 0 && (text[markerEnd - 1] is '.' or ':' or '-' or '=' or '(' or '[' || char.IsWhiteSpace(text[markerEnd - 1])))
        {
            markerEnd--;
        }
        foreach (var marker in ExtensionMarkers)
        {
            var start = markerEnd - marker.Length;
            if (start <= 0 || !text[start..markerEnd].Equals(marker, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            // In "1-800-FIX-1234" the x belongs to a vanity word, not an extension marker.
            if (marker != "#" && char.IsLetter(text[start - 1]))
            {
                continue;
            }
            Span<char> digits = stackalloc char[length];
            for (var i = 0; i < length; i++)
            {
                digits[i] = (char)('0' + CellText.DigitValue(CellText.FoldWidth(text[end + i])));
            }
            extension = new string(digits);
            return CellText.Trim(text[..start]);
        }
        return text;
    }

    // "4.15555E+09": the spreadsheet kept six significant digits and threw the rest away.
    private static bool IsScientificNotation(ReadOnlySpan<char> text)
    {
        var e = text.IndexOfAny('E', 'e');
        if (e <= 0 || e == text.Length - 1)
        {
            return false;
        }
        var mantissa = text[..e];
        var exponent = text[(e + 1)..];
        if (exponent[0] == '+')
        {
            exponent = exponent[1..];
        }
        return !exponent.IsEmpty
            && !exponent.ContainsAnyExceptInRange('0', '9')
            && char.IsAsciiDigit(mantissa[0])
            && !mantissa.ContainsAnyExcept("0123456789.");
    }

    // "4155550123.0": the column went through a float on its way out of a spreadsheet or pandas.
    private static ReadOnlySpan<char> StripSpreadsheetDecimal(ReadOnlySpan<char> text)
    {
        var dot = text.LastIndexOf('.');
        if (dot < 7 || dot == text.Length - 1)
        {
            return text;
        }
        var integer = text[..dot];
        var fraction = text[(dot + 1)..];
        return integer.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExcept('0') ? text : integer;
    }
}
