namespace Outreach.Domain.Guardrails;

/// <summary>
/// The guardrail policy's answer for one message. <see cref="Explanation"/> is written for the operator who
/// asks why a message did not go; <see cref="DeferUntil"/> (UTC) is set only when the outcome is
/// <see cref="GuardrailOutcome.Defer"/>.
/// </summary>
public sealed record GuardrailDecision(GuardrailOutcome Outcome, GuardrailReason Reason, string Explanation, DateTimeOffset? DeferUntil)
{
    public static GuardrailDecision Allowed { get; } = new(GuardrailOutcome.Allow, GuardrailReason.None, "Every guardrail passed.", null);

    public bool IsAllowed => Outcome == GuardrailOutcome.Allow;

    public static GuardrailDecision Block(GuardrailReason reason, string explanation) =>
        new(GuardrailOutcome.Block, reason, explanation, null);

    public static GuardrailDecision Defer(GuardrailReason reason, string explanation, DateTimeOffset until) =>
        new(GuardrailOutcome.Defer, reason, explanation, until.ToUniversalTime());
}
