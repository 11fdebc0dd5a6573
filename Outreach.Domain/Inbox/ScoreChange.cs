namespace Outreach.Domain.Inbox;

/// <summary>How a reply moves the prospect's lead score: by <see cref="Delta"/>, or back to zero on an opt-out.</summary>
public readonly record struct ScoreChange(int Delta, bool ResetToZero)
{
    public static ScoreChange None => default;

    public static ScoreChange Reset => new(0, true);

    public static ScoreChange By(int delta) => new(delta, false);
}
