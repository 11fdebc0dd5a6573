using Outreach.Domain.Common;
using Outreach.Domain.Prospects;

namespace Outreach.Domain.Messaging;

/// <summary>
/// A long code a team sends from. The number identifies the team when a provider calls a webhook, so one
/// number belongs to exactly one team across the installation.
/// </summary>
public sealed class SendingNumber : ITeamOwned
{
    public static readonly IReadOnlyList<string> KnownProviders = ["simulator", "twilio", "signalhouse"];

    private SendingNumber()
    {
        Number = string.Empty;
        Provider = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string Number { get; private set; }
    public string Provider { get; private set; }
    public string? Label { get; private set; }
    public string? AreaCode { get; private set; }

    /// <summary>The state of the area code, used to pick a local-looking number for a recipient.</summary>
    public string? State { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>The earliest moment the next message may leave from this number (per-number pacing, shared by every node).</summary>
    public DateTimeOffset NextSlotAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static SendingNumber Register(Guid teamId, string number, string provider, string? label, TimeProvider clock)
    {
        var parsed = PhoneNumbers.Parse(number);
        if (parsed.E164 is null)
        {
            throw new DomainException($"'{number}' is not a valid phone number: {parsed.Error}.");
        }
        var normalizedProvider = (provider ?? string.Empty).Trim().ToLowerInvariant();
        if (!KnownProviders.Contains(normalizedProvider))
        {
            throw new DomainException($"'{provider}' is not a known provider ({string.Join(", ", KnownProviders)}).");
        }
        var areaCode = PhoneNumbers.AreaCode(parsed.E164);
        var now = clock.GetUtcNow();
        return new SendingNumber
        {
            Id = Guid.CreateVersion7(now),
            TeamId = teamId,
            Number = parsed.E164,
            Provider = normalizedProvider,
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            AreaCode = areaCode,
            State = areaCode is null ? null : AreaCodes.StateFor(areaCode),
            IsActive = true,
            NextSlotAt = now,
            CreatedAt = now,
        };
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
