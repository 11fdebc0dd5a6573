using Outreach.Domain.Common;

namespace Outreach.Domain.Automation;

/// <summary>
/// A team's follow-up rule: a name, a switch, and its <see cref="RuleDefinition"/> stored as JSON (jsonb).
/// <see cref="DefaultKey"/> marks the rules every team starts with, so they are created once and never again
/// after a team edits or deletes them.
/// </summary>
public sealed class FollowUpRule : ITeamOwned
{
    public const int MaxNameLength = 120;

    private FollowUpRule()
    {
        Name = string.Empty;
        Definition = "{}";
        UpdatedBy = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string Name { get; private set; }
    public bool IsEnabled { get; private set; }

    /// <summary>The definition as JSON (jsonb): read it with <see cref="Rule"/>.</summary>
    public string Definition { get; private set; }

    public string? DefaultKey { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; }

    /// <summary>Parsed once per loaded rule: pages render it on every refresh.</summary>
    public RuleDefinition Rule => _rule ??= RuleDefinition.FromJson(Definition);

    private RuleDefinition? _rule;

    public static FollowUpRule Create(Guid teamId, string name, RuleDefinition definition, bool enabled, string by, TimeProvider clock, string? defaultKey = null)
    {
        var rule = new FollowUpRule { Id = Guid.CreateVersion7(clock.GetUtcNow()), TeamId = teamId, CreatedAt = clock.GetUtcNow(), DefaultKey = defaultKey };
        rule.Change(name, definition, by, clock);
        rule.IsEnabled = enabled;
        return rule;
    }

    public void Change(string name, RuleDefinition definition, string by, TimeProvider clock)
    {
        if (NameProblem(name) is { } problem)
        {
            throw new DomainException(problem);
        }
        Name = name.Trim();
        Definition = definition.Validate().ToJson();
        _rule = null;
        Touch(by, clock);
    }

    /// <summary>Why <paramref name="name"/> cannot name a rule, or null when it can.</summary>
    public static string? NameProblem(string? name) =>
        (name?.Trim().Length ?? 0) is 0 or > MaxNameLength ? $"A rule needs a name of 1 to {MaxNameLength} characters." : null;

    public void Switch(bool enabled, string by, TimeProvider clock)
    {
        IsEnabled = enabled;
        Touch(by, clock);
    }

    private void Touch(string by, TimeProvider clock)
    {
        UpdatedBy = by;
        UpdatedAt = clock.GetUtcNow();
    }
}
