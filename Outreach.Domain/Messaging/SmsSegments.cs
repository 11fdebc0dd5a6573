using System.Buffers;
using System.Globalization;

namespace Outreach.Domain.Messaging;

/// <summary>
/// Counts the segments a body is billed as. A single GSM-7 message holds 160 septets and a single UCS-2 message
/// 70 code units; a longer body is split into parts that each lose room to the concatenation header (153 and 67).
/// </summary>
public static class SmsSegments
{
    public const int SingleGsm7 = 160;
    public const int ConcatenatedGsm7 = 153;
    public const int SingleUcs2 = 70;
    public const int ConcatenatedUcs2 = 67;

    // GSM 03.38 default alphabet (0x1B, the escape, is not a character of its own).
    internal const string BasicAlphabet =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Reached through the escape, so each costs two septets.
    internal const string ExtensionTable = "\f^{}\\[~]|€";

    private static readonly SearchValues<char> Gsm7Characters = SearchValues.Create(BasicAlphabet + ExtensionTable);
    private static readonly SearchValues<char> Gsm7Extension = SearchValues.Create(ExtensionTable);

    /// <summary>
    /// Measures <paramref name="body"/>. An empty body is 0 segments: providers refuse an SMS without a body
    /// (Twilio error 21602), so nothing is sent and nothing should be budgeted.
    /// </summary>
    public static SmsSegmentInfo Measure(string body)
    {
        ArgumentNullException.ThrowIfNull(body);

        if (body.Length == 0)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, 0, 0);
        }

        return body.AsSpan().ContainsAnyExcept(Gsm7Characters) ? MeasureUcs2(body) : MeasureGsm7(body);
    }

    private static SmsSegmentInfo MeasureGsm7(string body)
    {
        var septets = 0;
        foreach (var c in body)
        {
            septets += Gsm7Extension.Contains(c) ? 2 : 1;
        }
        if (septets <= SingleGsm7)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, septets, 1);
        }

        // An escape and its character must travel in the same part, so a two-septet character that does not fit
        // in what is left of a part starts the next one.
        var segments = 1;
        var used = 0;
        foreach (var c in body)
        {
            var width = Gsm7Extension.Contains(c) ? 2 : 1;
            if (used + width > ConcatenatedGsm7)
            {
                segments++;
                used = 0;
            }
            used += width;
        }
        return new SmsSegmentInfo(SmsEncoding.Gsm7, septets, segments);
    }

    private static SmsSegmentInfo MeasureUcs2(string body)
    {
        if (body.Length <= SingleUcs2)
        {
            return new SmsSegmentInfo(SmsEncoding.Ucs2, body.Length, 1);
        }

        // A part never ends inside a user-perceived character: a flag (two regional indicators), an emoji with its
        // skin tone, a keycap, a sequence joined with zero-width joiners. Split, each half arrives as garbage, so
        // carriers bill (and Twilio's segment calculator counts) the whole sequence in the next part. Only a
        // sequence longer than a part is cut, between code points.
        var segments = 1;
        var used = 0;
        var rest = body.AsSpan();
        while (!rest.IsEmpty)
        {
            var element = StringInfo.GetNextTextElementLength(rest);
            if (element > ConcatenatedUcs2)
            {
                element = char.IsHighSurrogate(rest[0]) && rest.Length > 1 && char.IsLowSurrogate(rest[1]) ? 2 : 1;
            }
            if (used + element > ConcatenatedUcs2)
            {
                segments++;
                used = 0;
            }
            used += element;
            rest = rest[element..];
        }
        return new SmsSegmentInfo(SmsEncoding.Ucs2, body.Length, segments);
    }
}
