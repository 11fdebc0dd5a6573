namespace Outreach.Console.Features.Settings;

/// <summary>The team's sending rules as <see cref="SendingRulesForm"/> edits them.</summary>
public sealed record SendingRules(TimeOnly Start, TimeOnly End, int MaxConcurrentSends, int HotLeadSlaMinutes, bool AutoReply, int AutoReplyThreshold);

/// <summary>The team's budget and caps as <see cref="SendingLimitsForm"/> edits them.</summary>
public sealed record SendingLimits(decimal? MonthlyBudget, int MaxPerDay, int MaxPerWeek, int MaxFollowUpsWithoutReply);

/// <summary>A number to register, as <see cref="SendingNumberForm"/> asks for it.</summary>
public sealed record NewSendingNumber(string Number, string Provider, string? Label);
