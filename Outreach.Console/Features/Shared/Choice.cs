namespace Outreach.Console.Features.Shared;

/// <summary>An option of a drop-down: its text and the value it stands for.</summary>
public sealed record Choice<T>(string Text, T Value);
