namespace Outreach.Domain.Prospects;

/// <summary>
/// The outcome of reading one phone cell: an E.164 number (and any extension that was typed after it),
/// or a human-readable reason the cell cannot be dialled.
/// </summary>
public readonly record struct PhoneParse(string? E164, string? Extension, string? Error)
{
    public bool IsValid => E164 is not null;
}
