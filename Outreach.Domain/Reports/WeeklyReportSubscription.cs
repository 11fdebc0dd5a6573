using Outreach.Domain.Common;
using Outreach.Domain.Prospects;

namespace Outreach.Domain.Reports;

/// <summary>
/// A team's wish to receive the weekly summary workbook by e-mail (Monday to Sunday in the team's zone, sent
/// after the week ends). <see cref="LastSentWeek"/> is what makes a firing on any node send each week once.
/// </summary>
public sealed class WeeklyReportSubscription : ITeamOwned
{
    public const int MaxRecipients = 10;
    public const int MaxRecipientsLength = 1000;

    private WeeklyReportSubscription()
    {
        Recipients = string.Empty;
    }

    public Guid TeamId { get; private set; }
    public bool Enabled { get; private set; }

    /// <summary>Normalised addresses separated by ", ".</summary>
    public string Recipients { get; private set; }

    /// <summary>The first day (Monday) of the last week that was sent.</summary>
    public DateOnly? LastSentWeek { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<string> RecipientList => Recipients.Split(", ", StringSplitOptions.RemoveEmptyEntries);

    public static WeeklyReportSubscription Create(Guid teamId, TimeProvider clock) =>
        new() { TeamId = teamId, UpdatedAt = clock.GetUtcNow() };

    /// <summary>Turns the e-mail on or off for a list of addresses (commas, semicolons or new lines between them).</summary>
    public void Change(bool enabled, string? recipients, TimeProvider clock)
    {
        Recipients = Normalize(enabled, recipients);
        Enabled = enabled;
        UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>Why <see cref="Change"/> would refuse these settings, or null when it would take them: for a form to say beside the field.</summary>
    public static string? RecipientsProblem(bool enabled, string? recipients)
    {
        try
        {
            Normalize(enabled, recipients);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    private static string Normalize(bool enabled, string? recipients)
    {
        var addresses = new List<string>();
        foreach (var raw in (recipients ?? string.Empty).Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = EmailAddresses.Normalize(raw) ?? throw new DomainException($"'{raw}' is not an e-mail address.");
            if (!addresses.Contains(address))
            {
                addresses.Add(address);
            }
        }
        if (enabled && addresses.Count == 0)
        {
            throw new DomainException("Give at least one address to send the weekly report to.");
        }
        if (addresses.Count > MaxRecipients)
        {
            throw new DomainException($"The weekly report goes to at most {MaxRecipients} addresses.");
        }
        var joined = string.Join(", ", addresses);
        if (joined.Length > MaxRecipientsLength)
        {
            throw new DomainException("The list of addresses is too long.");
        }
        return joined;
    }

    public void MarkSent(DateOnly week, TimeProvider clock)
    {
        LastSentWeek = week;
        UpdatedAt = clock.GetUtcNow();
    }
}
