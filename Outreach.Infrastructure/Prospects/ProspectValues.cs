using System.Globalization;
using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Prospects;

/// <summary>A prospect as the raw field values the normaliser takes: what an edit form starts from.</summary>
public static class ProspectValues
{
    public static Dictionary<ProspectField, string?> Of(Prospect p) => new()
    {
        [ProspectField.FirstName] = p.FirstName,
        [ProspectField.LastName] = p.LastName,
        [ProspectField.FullName] = p.FirstName is null && p.LastName is null ? p.FullName : null,
        [ProspectField.Company] = p.Company,
        [ProspectField.Title] = p.Title,
        [ProspectField.Phone] = p.PhoneExtension is null ? p.Phone : $"{p.Phone} x{p.PhoneExtension}",
        [ProspectField.SecondaryPhone] = p.SecondaryPhone,
        [ProspectField.Email] = p.Email,
        [ProspectField.EmailVerified] = p.EmailVerified ? "yes" : null,
        [ProspectField.Website] = p.Website,
        [ProspectField.LinkedIn] = p.LinkedIn,
        [ProspectField.Address] = p.Address,
        [ProspectField.City] = p.City,
        [ProspectField.State] = p.State,
        [ProspectField.Zip] = p.Zip,
        [ProspectField.County] = p.County,
        [ProspectField.Sic] = p.Sic,
        [ProspectField.Revenue] = p.Revenue?.ToString(CultureInfo.InvariantCulture),
        [ProspectField.Employees] = p.Employees?.ToString(CultureInfo.InvariantCulture),
        [ProspectField.Tags] = string.Join(", ", p.Tags),
        [ProspectField.Notes] = p.Notes,
    };
}
