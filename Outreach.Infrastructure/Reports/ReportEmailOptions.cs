using System.ComponentModel.DataAnnotations;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// The "Outreach:Reports" section: how often the scheduler looks for teams whose week is due. The e-mail itself
/// goes through the relay in "Outreach:Mail"; without one nothing is e-mailed (and the page says so).
/// </summary>
public sealed class ReportEmailOptions
{
    public const string Section = "Outreach:Reports";

    /// <summary>How often the clustered job checks for due weeks; a week is sent on the first check after it ends.</summary>
    [Range(1, 1440)]
    public int CheckIntervalMinutes { get; set; } = 15;
}
