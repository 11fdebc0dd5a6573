namespace Outreach.Domain.Prospects;

/// <summary>
/// The template variables a prospect fills (<c>{{firstName}}</c>, <c>{{company}}</c>, ...). Blank values are
/// left out, so a template's fallback (<c>{{firstName|there}}</c>) applies instead of an empty gap.
/// </summary>
public static class ProspectVariables
{
    public static readonly IReadOnlyList<string> Names =
        ["firstName", "lastName", "fullName", "company", "title", "city", "state", "email", "senderName"];

    public static IReadOnlyDictionary<string, string?> For(Prospect prospect, string? senderName = null)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Add(variables, "firstName", prospect.FirstName ?? FirstWord(prospect.FullName));
        Add(variables, "lastName", prospect.LastName);
        Add(variables, "fullName", prospect.FullName);
        Add(variables, "company", prospect.Company);
        Add(variables, "title", prospect.Title);
        Add(variables, "city", prospect.City);
        Add(variables, "state", prospect.State);
        Add(variables, "email", prospect.Email);
        Add(variables, "senderName", senderName);
        return variables;
    }

    private static string? FirstWord(string? fullName) =>
        fullName?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    private static void Add(Dictionary<string, string?> variables, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            variables[name] = value.Trim();
        }
    }
}
