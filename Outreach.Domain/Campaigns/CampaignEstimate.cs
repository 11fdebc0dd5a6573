namespace Outreach.Domain.Campaigns;

/// <summary>
/// What a campaign will cost and how long it will take, before it starts: every enrolled prospect gets the
/// first step and at most the allowed follow-ups (an upper bound: replies and opt-outs stop sequences early).
/// Days count the daily cap, the throttle over the send window, and the days of the week it may send.
/// </summary>
public sealed record CampaignEstimate(int Audience, int Messages, decimal Cost, int Days)
{
    public static CampaignEstimate For(CampaignPlan plan, int audience, int segmentsPerMessage, decimal costPerSegment)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var stepsEach = Math.Min(plan.Steps.Count, plan.MaxFollowUps + 1);
        var messages = audience * stepsEach;
        var cost = messages * Math.Max(1, segmentsPerMessage) * costPerSegment;
        if (plan.Budget is { } budget && cost > budget)
        {
            cost = budget;
        }

        var windowMinutes = Math.Max(0, (int)(plan.WindowEnd - plan.WindowStart).TotalMinutes);
        var perDay = Math.Min(plan.DailyCap, (long)plan.ThrottlePerMinute * windowMinutes);
        if (messages == 0)
        {
            return new CampaignEstimate(audience, 0, 0, 0);
        }
        if (perDay <= 0 || plan.Days.Count == 0)
        {
            return new CampaignEstimate(audience, messages, cost, int.MaxValue);
        }
        var sendingDays = (int)Math.Ceiling(messages / (double)perDay);
        // The last follow-up cannot go before the sum of the delays after the first message.
        var sequenceDays = (int)Math.Ceiling(plan.Steps.Take(stepsEach).Skip(1).Sum(s => s.DelayHours) / 24.0);
        var calendarDays = (int)Math.Ceiling(Math.Max(sendingDays, 1) * 7.0 / plan.Days.Count);
        return new CampaignEstimate(audience, messages, cost, Math.Max(calendarDays, sequenceDays + 1));
    }
}
