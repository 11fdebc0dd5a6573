using System.Buffers;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// How many segments a carrier bills for a text. A body that fits the GSM 03.38 alphabet travels as 7-bit
/// septets (160 in one message, 153 per part once it is split, the rest carrying the reassembly header);
/// one character outside it turns the whole body into UCS-2 (70, or 67 per part). A split never separates an
/// escaped GSM character or a surrogate pair, so a part may end one short.
/// </summary>
internal static class SmsSegments
{
    private const int GsmSingle = 160;
    private const int GsmPart = 153;
    private const int Ucs2Single = 70;
    private const int Ucs2Part = 67;

    private static readonly SearchValues<char> GsmBasic = SearchValues.Create(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");

    // Sent as the escape septet followed by a second one: they cost two.
    private static readonly SearchValues<char> GsmExtension = SearchValues.Create("^{}\\[~]|€\f");

    public static int Count(string body)
    {
        if (IsGsm(body))
        {
            return Pack(body, GsmSingle, GsmPart, c => GsmExtension.Contains(c) ? 2 : 1, isPairStart: _ => false);
        }
        return Pack(body, Ucs2Single, Ucs2Part, _ => 1, char.IsHighSurrogate);
    }

    private static bool IsGsm(string body)
    {
        foreach (var c in body)
        {
            if (!GsmBasic.Contains(c) && !GsmExtension.Contains(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <param name="cost">Units one character takes (septets, or UTF-16 code units).</param>
    /// <param name="isPairStart">True for a character that must stay in the same part as the next one.</param>
    private static int Pack(string body, int single, int part, Func<char, int> cost, Func<char, bool> isPairStart)
    {
        var total = 0;
        foreach (var c in body)
        {
            total += cost(c);
        }
        if (total <= single)
        {
            return 1;
        }

        var parts = 1;
        var used = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var units = isPairStart(body[i]) && i + 1 < body.Length ? 2 : cost(body[i]);
            if (used + units > part)
            {
                parts++;
                used = 0;
            }
            used += units;
            if (units == 2 && isPairStart(body[i]))
            {
                i++;
            }
        }
        return parts;
    }
}
