namespace Outreach.Domain.Suppression;

/// <summary>How the do-not-contact list's channels and reasons read to an operator (the enum names stay in exports).</summary>
public static class SuppressionLabels
{
    public static string Label(this SuppressionChannel channel) => channel switch
    {
        SuppressionChannel.Sms => "Phone",
        SuppressionChannel.Email => "E-mail",
        _ => channel.ToString(),
    };

    public static string Label(this SuppressionReason reason) => reason switch
    {
        SuppressionReason.OptOutKeyword => "Opted out by reply",
        SuppressionReason.Manual => "Added by hand",
        SuppressionReason.Bounce => "Bounced",
        SuppressionReason.Complaint => "Spam complaint",
        SuppressionReason.ImportedList => "Imported list",
        _ => reason.ToString(),
    };
}
