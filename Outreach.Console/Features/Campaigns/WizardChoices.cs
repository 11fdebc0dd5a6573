using Outreach.Infrastructure.Campaigns;

namespace Outreach.Console.Features.Campaigns;

/// <summary>What the wizard offers: the team's tags and recent imports to build an audience from, and the team's zone for the schedule.</summary>
public sealed record WizardChoices(IReadOnlyList<AudienceTag> Tags, IReadOnlyList<ImportBatch> Imports, TimeZoneInfo Zone);
