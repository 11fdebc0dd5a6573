namespace Outreach.Infrastructure.Events;

/// <summary>
/// A small notice that something was committed: which team, what kind, a few fields. Subscribers reload
/// what they show from the database; the event is never the record of anything.
/// </summary>
public sealed record LiveEvent(
    Guid? TeamId,
    string Kind,
    IReadOnlyDictionary<string, string?> Data,
    DateTimeOffset OccurredAt)
{
    /// <summary>The node that published it; set by the hub.</summary>
    public string? OriginNode { get; init; }

    public string? this[string key] => Data.TryGetValue(key, out var value) ? value : null;
}
