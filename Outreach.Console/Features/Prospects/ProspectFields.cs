using Outreach.Domain.Prospects;

namespace Outreach.Console.Features.Prospects;

/// <summary>Prospect fields as the prospect pages name them.</summary>
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
}
