namespace Outreach.Domain.Guardrails;

/// <summary>What happens to a message: sent now, sent later, or never sent.</summary>
public enum GuardrailOutcome
{
    Allow,
    Defer,
    Block,
}
