using Outreach.Domain.Prospects;
using Outreach.Domain.Suppression;

namespace Outreach.Console.Features.Prospects;

/// <summary>Prospect fields and suppression entries as the prospect pages name them.</summary>
public static class ProspectFields
{
    public static string Label(ProspectField field) => field switch
    {
        ProspectField.FullName => "Full name",
        ProspectField.FirstName => "First name",
        ProspectField.LastName => "Last name",
        ProspectField.SecondaryPhone => "Second phone",
        ProspectField.Email => "E-mail",
        ProspectField.EmailVerified => "E-mail verified",
        ProspectField.LinkedIn => "LinkedIn",
        ProspectField.Sic => "SIC code",
        _ => field.ToString(),
    };

    public static string Channel(SuppressionChannel channel) => channel switch
    {
        SuppressionChannel.Sms => "Phone",
        SuppressionChannel.Email => "E-mail",
        _ => channel.ToString(),
    };

    public static string Reason(SuppressionReason reason) => reason switch
    {
        SuppressionReason.OptOutKeyword => "replied with an opt-out word (STOP)",
        SuppressionReason.Manual => "added by hand",
        SuppressionReason.Bounce => "messages bounced",
        SuppressionReason.Complaint => "complained",
        SuppressionReason.ImportedList => "on an imported suppression list",
        _ => reason.ToString(),
    };
}
