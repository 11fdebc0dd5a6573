namespace Outreach.Domain.Inbox;

/// <summary>
/// The keywords carriers and the CTIA handbook give fixed meanings. They are always honoured and cannot be
/// configured away; a team's <see cref="ClassificationProfile"/> can only add to them.
/// </summary>
public static class CarrierKeywords
{
    public static IReadOnlyList<string> OptOut { get; } = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];

    /// <summary>YES counts only as the whole reply: inside a sentence it is an answer, not a re-subscription.</summary>
    public static IReadOnlyList<string> OptIn { get; } = ["START", "UNSTOP", "YES"];

    public static IReadOnlyList<string> Help { get; } = ["HELP", "INFO"];
}
