using System.Text.Json;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;

namespace Outreach.Domain.Campaigns;

/// <summary>
/// A campaign: its plan (audience, steps, schedule, guardrail settings) and its state. The plan changes
/// only in draft; state changes go through <see cref="CampaignTransitions"/>. The kill switch is separate
/// from the state: engaging it pauses a running campaign, and only a deliberate resume releases it.
/// </summary>
public sealed class Campaign : ITeamOwned
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Campaign()
    {
        Name = string.Empty;
        Audience = "{}";
        Steps = "[]";
        NumberPool = [];
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string Name { get; private set; }
    public CampaignChannel Channel { get; private set; }
    public CampaignState State { get; private set; }

    /// <summary>The audience as JSON (jsonb): read it with <see cref="AudienceDefinition"/>.</summary>
    public string Audience { get; private set; }

    /// <summary>The steps as JSON (jsonb): read them with <see cref="StepList"/>.</summary>
    public string Steps { get; private set; }

    public DateTimeOffset? StartAt { get; private set; }
    public DateTimeOffset? EndAt { get; private set; }
    public TimeOnly WindowStart { get; private set; }
    public TimeOnly WindowEnd { get; private set; }

    /// <summary>Days of the week in the recipient's local time, as a <see cref="CampaignDays"/> mask.</summary>
    public int Days { get; private set; }

    public int ThrottlePerMinute { get; private set; }
    public int DailyCap { get; private set; }
    public decimal? Budget { get; private set; }
    public int MaxFollowUps { get; private set; }
    public bool StopOnReply { get; private set; }
    public Guid[] NumberPool { get; private set; }
    public bool RequireApproval { get; private set; }

    public bool KillSwitchEngaged { get; private set; }
    public string? KillSwitchReason { get; private set; }
    public string? KillSwitchBy { get; private set; }
    public DateTimeOffset? KillSwitchAt { get; private set; }
    public string? PauseReason { get; private set; }

    /// <summary>Spend reserved for messages queued but not yet settled from the provider's cost.</summary>
    public decimal ReservedSpend { get; private set; }
    public decimal Spent { get; private set; }
    public int Enrolled { get; private set; }
    public int ExcludedDoNotContact { get; private set; }

    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public CampaignAudience AudienceDefinition => JsonSerializer.Deserialize<CampaignAudience>(Audience, Json)!;

    public IReadOnlyList<CampaignStep> StepList => JsonSerializer.Deserialize<List<CampaignStep>>(Steps, Json)!;

    public SendWindow Window => new(WindowStart, WindowEnd, CampaignDays.FromMask(Days));

    public CampaignPlan Plan => new(
        Name, Channel, AudienceDefinition, StepList, StartAt, EndAt, WindowStart, WindowEnd, CampaignDays.FromMask(Days),
        ThrottlePerMinute, DailyCap, Budget, MaxFollowUps, StopOnReply, NumberPool, RequireApproval);

    public static Campaign Create(Guid teamId, CampaignPlan plan, string createdBy, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = clock.GetUtcNow();
        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(now),
            TeamId = teamId,
            State = CampaignState.Draft,
            CreatedBy = createdBy.Length <= 120 ? createdBy : createdBy[..120],
            CreatedAt = now,
        };
        campaign.Apply(plan, now);
        return campaign;
    }

    public void ChangePlan(CampaignPlan plan, TimeProvider clock)
    {
        if (State is not (CampaignState.Draft or CampaignState.Scheduled))
        {
            throw new DomainException("Only a draft or scheduled campaign can be edited; pause is not enough, because messages already went out under the old plan.");
        }
        Apply(plan, clock.GetUtcNow());
    }

    private void Apply(CampaignPlan plan, DateTimeOffset now)
    {
        plan.EnsureValid();
        Name = plan.Name.Trim();
        Channel = plan.Channel;
        Audience = JsonSerializer.Serialize(plan.Audience, Json);
        Steps = JsonSerializer.Serialize(plan.Steps, Json);
        StartAt = plan.StartAt?.ToUniversalTime();
        EndAt = plan.EndAt?.ToUniversalTime();
        WindowStart = plan.WindowStart;
        WindowEnd = plan.WindowEnd;
        Days = CampaignDays.ToMask(plan.Days);
        ThrottlePerMinute = plan.ThrottlePerMinute;
        DailyCap = plan.DailyCap;
        Budget = plan.Budget;
        MaxFollowUps = plan.MaxFollowUps;
        StopOnReply = plan.StopOnReply;
        NumberPool = [.. plan.NumberPool];
        RequireApproval = plan.RequireApproval;
        UpdatedAt = now;
    }

    /// <summary>Moves to <paramref name="to"/> if the state machine allows it; returns the state it left.</summary>
    public CampaignState TransitionTo(CampaignState to, string? reason, TimeProvider clock)
    {
        CampaignTransitions.Ensure(State, to);
        if (to == CampaignState.Scheduled && StartAt is null)
        {
            throw new DomainException("Set a start time to schedule the campaign.");
        }
        var from = State;
        var now = clock.GetUtcNow();
        State = to;
        UpdatedAt = now;
        PauseReason = to == CampaignState.Paused ? reason : null;
        if (to == CampaignState.Running)
        {
            StartedAt ??= now;
            KillSwitchEngaged = false;
            KillSwitchReason = null;
            KillSwitchBy = null;
            KillSwitchAt = null;
        }
        if (to is CampaignState.Completed or CampaignState.Cancelled)
        {
            FinishedAt = now;
        }
        return from;
    }

    /// <summary>
    /// Stops every message of this campaign now; a running campaign is paused. Stopping never waits for a reason:
    /// one can be given with the stop or afterwards (<see cref="ExplainKillSwitch"/>).
    /// </summary>
    public void EngageKillSwitch(string? reason, string by, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        KillSwitchEngaged = true;
        KillSwitchReason = Reason(reason);
        KillSwitchBy = by.Length <= 120 ? by : by[..120];
        KillSwitchAt = now;
        if (State == CampaignState.Running)
        {
            State = CampaignState.Paused;
        }
        if (State == CampaignState.Paused)
        {
            PauseReason = KillSwitchPauseReason;
        }
        UpdatedAt = now;
    }

    /// <summary>The reason for a stop already engaged, given after the fact.</summary>
    public void ExplainKillSwitch(string reason, TimeProvider clock)
    {
        if (!KillSwitchEngaged)
        {
            throw new DomainException("This campaign's kill switch is not engaged any more.");
        }
        KillSwitchReason = Reason(reason) ?? throw new DomainException("Say why the campaign was stopped.");
        if (State == CampaignState.Paused)
        {
            PauseReason = KillSwitchPauseReason;
        }
        UpdatedAt = clock.GetUtcNow();
    }

    private string KillSwitchPauseReason => KillSwitchReason is { } why ? $"Kill switch: {why}" : "Kill switch (no reason given yet)";

    private static string? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : reason.Trim().Length <= 500 ? reason.Trim() : reason.Trim()[..500];

    public void RecordEnrollment(int enrolled, int excludedDoNotContact)
    {
        Enrolled += enrolled;
        ExcludedDoNotContact += excludedDoNotContact;
    }
}
