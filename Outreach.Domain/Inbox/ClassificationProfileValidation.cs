namespace Outreach.Domain.Inbox;

/// <summary>The problems found in a <see cref="ClassificationProfile"/>, each written for the operator editing it.</summary>
public sealed record ClassificationProfileValidation(IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
