namespace Outreach.Domain.Inbox;

/// <summary>
/// Keywords compiled once for matching on the webhook's path. They are indexed by their first word, so a reply
/// costs one dictionary probe per word of the reply rather than one search per keyword. When several keywords
/// match, the longest wins ("not interested at all" before "not interested"), then the earliest.
/// </summary>
internal sealed class KeywordSet
{
    private readonly Dictionary<string, Keyword[]>.AlternateLookup<ReadOnlySpan<char>> byFirstWord;
    private readonly bool negatable;

    private KeywordSet(Keyword[] keywords, bool negatable)
    {
        var index = keywords
            .GroupBy(keyword => keyword.Padded[1..keyword.Padded.IndexOf(' ', 1)], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderByDescending(keyword => keyword.Padded.Length).ToArray(), StringComparer.Ordinal);
        byFirstWord = index.GetAlternateLookup<ReadOnlySpan<char>>();
        this.negatable = negatable;
    }

    /// <param name="negatable">Whether "not", "don't" and the like before a keyword cancel it.</param>
    public static KeywordSet Compile(IEnumerable<string> keywords, ReplyText.Scope minimum, bool negatable) =>
        Compile(keywords.Select(keyword => Keyword.Create(keyword, minimum)).OfType<Keyword>(), negatable);

    public static KeywordSet Compile(IEnumerable<Keyword> keywords, bool negatable) =>
        new(keywords.DistinctBy(keyword => keyword.Padded).ToArray(), negatable);

    public KeywordMatch? Find(ReplyText text)
    {
        var padded = text.Padded;
        KeywordMatch? best = null;
        // Each word starts after a separator; the last character is the trailing separator and starts nothing.
        for (var separator = 0; separator < padded.Length - 1; separator = padded.IndexOf(' ', separator + 1))
        {
            var next = padded.IndexOf(' ', separator + 1);
            if (!byFirstWord.TryGetValue(padded.AsSpan(separator + 1, next - separator - 1), out var candidates))
            {
                continue;
            }
            foreach (var keyword in candidates)
            {
                if (best is { } found && found.Keyword.Padded.Length >= keyword.Padded.Length)
                {
                    break;
                }
                if (!padded.AsSpan(separator).StartsWith(keyword.Padded, StringComparison.Ordinal)
                    || (negatable && text.IsNegated(separator, keyword.Padded)))
                {
                    continue;
                }
                var scope = text.ScopeOf(separator, keyword.Padded);
                if (scope >= keyword.Minimum)
                {
                    best = new KeywordMatch(keyword, scope);
                    break;
                }
            }
        }
        return best;
    }
}

internal readonly record struct KeywordMatch(Keyword Keyword, ReplyText.Scope Scope);
