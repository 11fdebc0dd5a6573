namespace Outreach.Console.Features.Shared;

/// <summary>An option of a drop-down: Radzen reads <c>Text</c> and <c>Value</c> by reflection, which tuples do not have.</summary>
public sealed record Choice<T>(string Text, T Value);
