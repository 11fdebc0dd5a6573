using Outreach.Domain.Common;
using Outreach.Domain.Prospects;

namespace Outreach.Domain.Suppression;

/// <summary>
/// A do-not-contact entry: one phone number (E.164) or e-mail address (lower-case) on one channel of one team.
/// The value is stored normalised so that every send path compares like with like.
/// </summary>
public sealed class SuppressionEntry : ITeamOwned
{
    public const int MaxSourceLength = 200;
    public const int MaxEvidenceLength = 1000;

    private SuppressionEntry()
    {
        Value = string.Empty;
        Source = string.Empty;
    }

    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public SuppressionChannel Channel { get; private set; }
    public string Value { get; private set; }
    public SuppressionReason Reason { get; private set; }

    /// <summary>Where it came from: "inbound reply", "import big-list.csv", a user's name.</summary>
    public string Source { get; private set; }

    /// <summary>What proves it, for example the opt-out message itself.</summary>
    public string? Evidence { get; private set; }

    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static SuppressionEntry Create(
        Guid teamId, SuppressionChannel channel, string rawValue, SuppressionReason reason, string source,
        string? evidence, Guid? createdBy, TimeProvider clock) => new()
        {
            TeamId = teamId,
            Channel = channel,
            Value = Normalize(channel, rawValue)
                ?? throw new DomainException(channel == SuppressionChannel.Sms
                    ? $"'{rawValue}' is not a valid phone number."
                    : $"'{rawValue}' is not a valid e-mail address."),
            Reason = reason,
            Source = Truncate(source, MaxSourceLength) ?? string.Empty,
            Evidence = Truncate(evidence, MaxEvidenceLength),
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow(),
        };

    /// <summary>The stored form of a value on a channel, or null when it is not a phone number or e-mail address.</summary>
    public static string? Normalize(SuppressionChannel channel, string? rawValue) => channel switch
    {
        SuppressionChannel.Sms => PhoneNumbers.Parse(rawValue).E164,
        SuppressionChannel.Email => EmailAddresses.Normalize(rawValue),
        _ => null,
    };

    private static string? Truncate(string? text, int max) =>
        text is null ? null : text.Length <= max ? text : text[..max];
}
