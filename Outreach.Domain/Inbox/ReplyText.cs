using System.Text;

namespace Outreach.Domain.Inbox;

/// <summary>
/// A reply reduced to what keyword matching needs: lower-case words without accents or apostrophes, separated
/// by single spaces and padded with one space at each end (<c>" dont stop texting me "</c>), so that a phrase
/// matches on whole words with one ordinal comparison. Where punctuation ended a sentence or clause is remembered,
/// because "Stop." on its own means something "can't stop" does not.
/// </summary>
internal sealed class ReplyText
{
    private const int MaxStackLength = 512;

    // Words that carry no meaning of their own around a keyword: "STOP please", "ok thanks", "alto por favor".
    private static readonly HashSet<string> Fillers =
    [
        "please", "pls", "plz", "plez", "now", "thanks", "thank", "you", "u", "thx", "ty", "ok", "okay", "k", "kk",
        "yes", "all", "it", "this", "me", "my", "number", "asap", "immediately", "already", "sir", "maam", "sorry",
        "lol", "again", "just", "the", "texts", "messages", "msgs", "hi", "hello", "hey",
        "por", "favor", "gracias", "ya",
    ];

    // A keyword preceded by one of these (looking past the words below) is negated: "not interested",
    // "don't stop texting", "no longer interested".
    private static readonly HashSet<string> Negators =
    [
        "not", "dont", "doesnt", "didnt", "cant", "cannot", "couldnt", "wont", "wouldnt", "shouldnt", "never",
        "isnt", "arent", "wasnt", "werent", "aint", "havent", "hasnt", "hadnt", "nor", "neither", "longer",
    ];

    // Words that may sit between a negator and what it negates: "not really interested", "I am not at all".
    private static readonly HashSet<string> NegationGap =
    [
        "really", "very", "so", "that", "too", "even", "actually", "currently", "ever", "be", "being", "been",
        "am", "im", "is", "are", "was", "i", "we", "at", "all", "quite", "super", "just", "still", "anymore",
        "want", "to", "going", "gonna",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerLookup = Fillers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NegatorLookup = Negators.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GapLookup = NegationGap.GetAlternateLookup<ReadOnlySpan<char>>();

    // Latin-1 Supplement and Latin Extended-A folded to their base letters once, so that "no más" matches
    // "no mas" without decomposing every reply.
    private static readonly char[] Folded = BuildFoldingTable();
    private const char FoldedFirst = '\u00C0';

    private readonly List<int>? clauseBreaks;

    private ReplyText(string padded, List<int>? clauseBreaks)
    {
        Padded = padded;
        this.clauseBreaks = clauseBreaks;
    }

    /// <summary>The normalised words, space-separated, with a leading and trailing space; " " when there are none.</summary>
    public string Padded { get; }

    public static ReplyText Parse(string raw)
    {
        Span<char> buffer = raw.Length + 2 <= MaxStackLength ? stackalloc char[raw.Length + 2] : new char[raw.Length + 2];
        List<int>? breaks = null;
        var length = Normalise(raw, buffer, ref breaks);
        return new ReplyText(new string(buffer[..length]), breaks);
    }

    /// <summary>A keyword in the same form as <see cref="Padded"/> but without the padding; empty when it has no words.</summary>
    public static string NormaliseKeyword(string keyword)
    {
        Span<char> buffer = keyword.Length + 2 <= MaxStackLength ? stackalloc char[keyword.Length + 2] : new char[keyword.Length + 2];
        List<int>? ignored = null;
        var length = Normalise(keyword, buffer, ref ignored);
        return length <= 1 ? string.Empty : new string(buffer[1..(length - 1)]);
    }

    /// <summary>Where <paramref name="padded"/> (" some words ") first occurs; -1 when it does not.</summary>
    public int IndexOf(string padded) => Padded.IndexOf(padded, StringComparison.Ordinal);

    /// <summary>How much of the reply the words at <paramref name="index"/> make up, apart from filler words.</summary>
    public Scope ScopeOf(int index, string padded)
    {
        if (padded.Length == Padded.Length)
        {
            return Scope.Exact;
        }

        var end = index + padded.Length - 1;
        // A repeated keyword adds nothing: "stop stop stop" is as whole a reply as "stop".
        var repeated = padded.AsSpan(1, padded.Length - 2);
        var fillersBefore = OnlyFillers(Padded.AsSpan(0, index), repeated);
        var fillersAfter = OnlyFillers(Padded.AsSpan(end), repeated);
        if (fillersBefore && fillersAfter)
        {
            return Scope.Reply;
        }

        var clauseStart = 0;
        var clauseEnd = Padded.Length - 1;
        foreach (var position in clauseBreaks ?? [])
        {
            if (position <= index)
            {
                clauseStart = position;
            }
            else if (position >= end && position < clauseEnd)
            {
                clauseEnd = position;
            }
        }
        if (OnlyFillers(Padded.AsSpan(clauseStart, index - clauseStart), repeated)
            && OnlyFillers(Padded.AsSpan(end, clauseEnd - end), repeated))
        {
            return Scope.Clause;
        }
        return fillersAfter ? Scope.Edge : Scope.Phrase;
    }

    /// <summary>
    /// True when the words at <paramref name="index"/> are negated within their clause: the nearest meaningful
    /// word before them is a negator ("don't stop texting", "not really interested"), or "not" follows them
    /// ("definitely not").
    /// </summary>
    public bool IsNegated(int index, string padded)
    {
        var end = index + padded.Length - 1;
        if (!IsClauseBreak(end) && NextWord(end).SequenceEqual("not"))
        {
            return true;
        }

        var separator = index;
        for (var i = 0; i < 4 && separator > 0 && !IsClauseBreak(separator); i++)
        {
            var start = Padded.LastIndexOf(' ', separator - 1);
            var word = Padded.AsSpan(start + 1, separator - start - 1);
            if (NegatorLookup.Contains(word))
            {
                return true;
            }
            if (!GapLookup.Contains(word))
            {
                return false;
            }
            separator = start;
        }
        return false;
    }

    /// <summary>The one word of a reply that is a single word apart from fillers ("unsubscibe please").</summary>
    public bool TryGetSoleWord(out ReadOnlySpan<char> word)
    {
        word = [];
        var words = Padded.AsSpan();
        foreach (var range in words.Split(' '))
        {
            var candidate = words[range];
            if (candidate.IsEmpty || FillerLookup.Contains(candidate))
            {
                continue;
            }
            if (!word.IsEmpty)
            {
                return false;
            }
            word = candidate;
        }
        return !word.IsEmpty;
    }

    private ReadOnlySpan<char> NextWord(int separator)
    {
        if (separator + 1 >= Padded.Length)
        {
            return [];
        }
        var next = Padded.IndexOf(' ', separator + 1);
        return Padded.AsSpan(separator + 1, next - separator - 1);
    }

    private bool IsClauseBreak(int separator) => clauseBreaks is not null && clauseBreaks.Contains(separator);

    private static bool OnlyFillers(ReadOnlySpan<char> words, ReadOnlySpan<char> alsoAllowed = default)
    {
        foreach (var range in words.Split(' '))
        {
            var word = words[range];
            if (!word.IsEmpty && !FillerLookup.Contains(word) && !word.SequenceEqual(alsoAllowed))
            {
                return false;
            }
        }
        return true;
    }

    private static int Normalise(ReadOnlySpan<char> raw, Span<char> output, ref List<int>? clauseBreaks)
    {
        output[0] = ' ';
        var length = 1;
        var pendingBreak = false;
        foreach (var c in raw)
        {
            // "don't" and "dont" are the same word to a texter, so apostrophes join rather than separate.
            if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u02BC')
            {
                continue;
            }

            var folded = Fold(c);
            if (folded == '\0')
            {
                pendingBreak |= c is '.' or ',' or '!' or '?' or ';' or ':' or '\n' or '\r' or '¿' or '¡' or '？' or '！' or '。';
                if (output[length - 1] != ' ')
                {
                    output[length++] = ' ';
                }
                continue;
            }

            if (pendingBreak && length > 1)
            {
                clauseBreaks ??= [];
                clauseBreaks.Add(length - 1);
            }
            pendingBreak = false;
            output[length++] = folded;
        }

        if (output[length - 1] != ' ')
        {
            output[length++] = ' ';
        }
        return length;
    }

    /// <summary>The lower-case base letter or digit for <paramref name="c"/>, or '\0' when it separates words.</summary>
    private static char Fold(char c)
    {
        if (char.IsAscii(c))
        {
            return char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';
        }
        if (c >= FoldedFirst && c < FoldedFirst + Folded.Length && Folded[c - FoldedFirst] != '\0')
        {
            return Folded[c - FoldedFirst];
        }
        // Surrogates (emoji), symbols and punctuation separate words; other scripts' letters are kept as they are.
        return char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';
    }

    private static char[] BuildFoldingTable()
    {
        var table = new char[0x0180 - FoldedFirst];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)(FoldedFirst + i);
            if (!char.IsLetter(c))
            {
                continue;
            }
            var decomposed = char.ToLowerInvariant(c).ToString().Normalize(NormalizationForm.FormD);
            table[i] = char.IsAsciiLetter(decomposed[0]) ? decomposed[0] : char.ToLowerInvariant(c);
        }
        return table;
    }

    /// <summary>How much of a reply a match covers, not counting filler words.</summary>
    public enum Scope
    {
        /// <summary>Somewhere among other words.</summary>
        Phrase,

        /// <summary>The last words of the reply, apart from fillers: "Not interested stop".</summary>
        Edge,

        /// <summary>A sentence or clause of its own, apart from fillers: "Not interested. STOP".</summary>
        Clause,

        /// <summary>The whole reply apart from fillers: "STOP please".</summary>
        Reply,

        /// <summary>The whole reply, word for word: "Stop!!!".</summary>
        Exact,
    }
}
