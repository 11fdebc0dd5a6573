namespace Outreach.Domain.Prospects;

/// <summary>
/// The prospect attributes an import can map a column to. The numeric values index the raw-value
/// list handed to <see cref="ProspectRows.Normalize"/>, so members are only ever appended.
/// </summary>
public enum ProspectField
{
    FullName,
    FirstName,
    LastName,
    Company,
    Title,
    Phone,
    SecondaryPhone,
    Email,
    EmailVerified,
    Address,
    City,
    State,
    Zip,
    County,
    Website,
    LinkedIn,
    Sic,
    Revenue,
    Employees,
    Tags,
    Notes,
}
