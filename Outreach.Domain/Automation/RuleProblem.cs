namespace Outreach.Domain.Automation;

/// <summary>What is wrong with a rule, and which part of it (<see cref="RuleFields"/>) the message is about.</summary>
public sealed record RuleProblem(string Field, string Message);

/// <summary>The parts of a rule a problem can concern: an editor shows the message next to the matching field.</summary>
public static class RuleFields
{
    public const string Name = "name";
    public const string Delay = "delay";
    public const string Step = "step";
    public const string Score = "score";
    public const string Actions = "actions";

    /// <summary>The action at <paramref name="index"/> (0-based), in the rule's order.</summary>
    public static string Action(int index) => $"actions[{index}]";
}
