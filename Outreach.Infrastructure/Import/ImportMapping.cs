using System.Text.Json;
using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Import;

/// <summary>Per column of the file, the prospect field it feeds, or null to keep it as a custom field.</summary>
public sealed record ImportMapping(IReadOnlyList<ProspectField?> Columns)
{
    public static ImportMapping Propose(IReadOnlyList<string> headers) => new(ColumnMapping.Propose(headers));

    public static ImportMapping FromJson(string json) =>
        new((JsonSerializer.Deserialize<string?[]>(json) ?? [])
            .Select(name => name is null ? (ProspectField?)null : Enum.Parse<ProspectField>(name))
            .ToArray());

    public string ToJson() => JsonSerializer.Serialize(Columns.Select(c => c?.ToString()).ToArray());

    /// <summary>The problems that make this mapping unusable for these headers, in words for the operator.</summary>
    public IReadOnlyList<string> Validate(IReadOnlyList<string> headers)
    {
        var problems = new List<string>();
        if (Columns.Count != headers.Count)
        {
            problems.Add($"The mapping has {Columns.Count} columns but the file has {headers.Count}.");
            return problems;
        }
        foreach (var group in Columns.Select((field, index) => (field, index)).Where(c => c.field is not null).GroupBy(c => c.field))
        {
            if (group.Count() > 1)
            {
                problems.Add($"{group.Key} is mapped from more than one column ({string.Join(", ", group.Select(c => $"\"{headers[c.index]}\""))}).");
            }
        }
        if (!Columns.Any(c => c is ProspectField.Phone or ProspectField.Email))
        {
            problems.Add("Map a phone or an e-mail column: a prospect without either cannot be contacted.");
        }
        return problems;
    }
}
