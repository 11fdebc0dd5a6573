namespace Outreach.Domain.Prospects;

/// <summary>What an import does with a row whose phone or e-mail the team already has.</summary>
public enum DuplicatePolicy
{
    /// <summary>Leave the existing prospect as it is.</summary>
    Skip,

    /// <summary>Copy the row's values into the existing prospect's blank fields only.</summary>
    FillBlanks,

    /// <summary>Replace the existing prospect's fields with the row's non-blank values.</summary>
    Overwrite,
}
