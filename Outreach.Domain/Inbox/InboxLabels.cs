using System.Text.RegularExpressions;
using Outreach.Domain.Common;

namespace Outreach.Domain.Inbox;

/// <summary>Labels are short lower-case words an operator files conversations under ("callback", "spanish").</summary>
public static partial class InboxLabels
{
    public const int MaxLength = 40;
    public const int MaxPerConversation = 20;

    public static string Normalize(string? label)
    {
        var trimmed = Whitespace().Replace(label?.Trim() ?? string.Empty, "-").ToLowerInvariant();
        if (trimmed.Length == 0)
        {
            throw new DomainException("A label needs at least one character.");
        }
        if (trimmed.Length > MaxLength)
        {
            throw new DomainException($"A label has at most {MaxLength} characters.");
        }
        if (trimmed.Any(char.IsControl) || trimmed.Contains(','))
        {
            throw new DomainException("A label cannot contain commas or control characters.");
        }
        return trimmed;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
