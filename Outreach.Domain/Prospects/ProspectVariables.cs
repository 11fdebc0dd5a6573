using Outreach.Domain.Campaigns;

namespace Outreach.Domain.Prospects;

/// <summary>
/// The template variables a prospect fills, for campaign steps, saved replies and suggestions alike. Names
/// match without regard to case or underscores, so <c>{{firstName}}</c> and <c>{{first_name}}</c> are the
/// same variable. Blank values are left out, so a template's fallback (<c>{{firstName|there}}</c>) applies
/// instead of an empty gap.
/// </summary>
public static class ProspectVariables
{
    public static readonly IReadOnlyList<string> Names =
        ["firstName", "lastName", "fullName", "company", "title", "city", "state", "email", "senderName"];

    public static IReadOnlyDictionary<string, string?> For(Prospect prospect, string? senderName = null)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        var variables = For(new ProspectFields(prospect.FirstName, prospect.LastName, prospect.FullName, prospect.Company, prospect.Title,
            prospect.City, prospect.State), senderName);
        Add(variables, "email", prospect.Email);
        return variables;
    }

    public static Dictionary<string, string?> For(ProspectFields prospect, string? senderName = null)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        var variables = new Dictionary<string, string?>(NameComparer.Instance);
        Add(variables, "firstName", prospect.FirstName ?? FirstWord(prospect.FullName));
        Add(variables, "lastName", prospect.LastName);
        Add(variables, "fullName", prospect.FullName);
        Add(variables, "company", prospect.Company);
        Add(variables, "title", prospect.Title);
        Add(variables, "city", prospect.City);
        Add(variables, "state", prospect.State);
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

    /// <summary>Case and underscores do not matter: firstName, FirstName and first_name are one name.</summary>
    private sealed class NameComparer : IEqualityComparer<string>
    {
        public static readonly NameComparer Instance = new();

        public bool Equals(string? x, string? y) =>
            x is not null && y is not null && string.Equals(x.Replace("_", ""), y.Replace("_", ""), StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(string name) => StringComparer.OrdinalIgnoreCase.GetHashCode(name.Replace("_", ""));
    }
}
