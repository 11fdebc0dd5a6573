using System.ComponentModel.DataAnnotations;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// The "Outreach:Reports" section: the SMTP server the weekly summary goes through, and how often the
/// scheduler looks for teams whose week is due. Without an SMTP host nothing is e-mailed (and the page says so).
/// </summary>
public sealed class ReportEmailOptions : IValidatableObject
{
    public const string Section = "Outreach:Reports";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    public bool SmtpEnableSsl { get; set; }

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    [EmailAddress]
    public string From { get; set; } = "reports@outreach.local";

    /// <summary>How often the clustered job checks for due weeks; a week is sent on the first check after it ends.</summary>
    [Range(1, 1440)]
    public int CheckIntervalMinutes { get; set; } = 15;

    [Range(1, 600)]
    public int SmtpTimeoutSeconds { get; set; } = 60;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(SmtpUserName) && string.IsNullOrEmpty(SmtpPassword))
        {
            yield return new ValidationResult($"{Section}:SmtpPassword is required when {Section}:SmtpUserName is set.", [nameof(SmtpPassword)]);
        }
    }
}
