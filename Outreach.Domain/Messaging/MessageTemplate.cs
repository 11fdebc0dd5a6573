using System.Text;

namespace Outreach.Domain.Messaging;

/// <summary>
/// Renders message bodies such as <c>Hi {{firstName|there}}, ...</c>. Variable names are matched
/// case-insensitively; the text after <c>|</c> is used when the value is missing or blank; a missing value with
/// no fallback renders as nothing. Anything that is not a well-formed placeholder is copied as it stands, so a
/// stray brace in an operator's template never fails a send.
/// </summary>
public static class MessageTemplate
{
    private const string Open = "{{";
    private const string Close = "}}";

    public static string Render(string template, IReadOnlyDictionary<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);

        var open = template.IndexOf(Open, StringComparison.Ordinal);
        if (open < 0)
        {
            return template;
        }

        var output = new StringBuilder(template.Length + 32);
        var position = 0;
        while (open >= 0)
        {
            output.Append(template, position, open - position);
            if (TryParse(template, open, out var placeholder))
            {
                var value = Lookup(variables, placeholder.Name);
                output.Append(string.IsNullOrWhiteSpace(value) ? placeholder.Fallback : value);
                position = placeholder.End;
            }
            else
            {
                // Not a placeholder: keep one brace and look again from the next character, so "{{{name}}}"
                // still renders the inner placeholder.
                output.Append('{');
                position = open + 1;
            }
            open = template.IndexOf(Open, position, StringComparison.Ordinal);
        }
        output.Append(template, position, template.Length - position);
        return output.ToString();
    }

    /// <summary>The distinct variable names in order of first use (first spelling wins).</summary>
    public static IReadOnlyList<string> Variables(string template)
    {
        ArgumentNullException.ThrowIfNull(template);

        var names = new List<string>();
        var open = template.IndexOf(Open, StringComparison.Ordinal);
        while (open >= 0)
        {
            var next = open + 1;
            if (TryParse(template, open, out var placeholder))
            {
                if (!names.Contains(placeholder.Name, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(placeholder.Name);
                }
                next = placeholder.End;
            }
            open = template.IndexOf(Open, next, StringComparison.Ordinal);
        }
        return names;
    }

    /// <summary>False when some <c>{{</c> does not start a valid placeholder (it would be sent as typed).</summary>
    public static bool IsWellFormed(string template)
    {
        ArgumentNullException.ThrowIfNull(template);

        var open = template.IndexOf(Open, StringComparison.Ordinal);
        while (open >= 0)
        {
            if (!TryParse(template, open, out var placeholder))
            {
                return false;
            }
            open = template.IndexOf(Open, placeholder.End, StringComparison.Ordinal);
        }
        return true;
    }

    private readonly record struct Placeholder(string Name, string Fallback, int End);

    // {{ name }} or {{ name | fallback }}: a name starts with a letter or '_' and may contain letters, digits,
    // '_', '.' and '-'; whitespace around the name and the fallback is trimmed; the fallback runs to the first "}}".
    private static bool TryParse(string template, int open, out Placeholder placeholder)
    {
        placeholder = default;
        var close = template.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
        if (close < 0)
        {
            return false;
        }

        var inner = template.AsSpan(open + Open.Length, close - open - Open.Length);
        var pipe = inner.IndexOf('|');
        var name = (pipe < 0 ? inner : inner[..pipe]).Trim();
        if (!IsName(name))
        {
            return false;
        }

        var fallback = pipe < 0 ? string.Empty : inner[(pipe + 1)..].Trim().ToString();
        placeholder = new Placeholder(name.ToString(), fallback, close + Close.Length);
        return true;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    private static string? Lookup(IReadOnlyDictionary<string, string?> variables, string name)
    {
        if (variables.TryGetValue(name, out var value))
        {
            return value;
        }
        // Callers build these dictionaries from CSV headers and form fields, so the comparer cannot be trusted.
        foreach (var (key, candidate) in variables)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        return null;
    }
}
