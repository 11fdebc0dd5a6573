using Bunit;
using Outreach.Console.Components.Layout;
using Outreach.Console.Features.Account;

namespace Outreach.Console.Tests.Components.Settings;

public class SystemDarkSchemeTests : ComponentTestContext
{
    [Fact]
    public void The_dark_palette_applies_only_while_the_operating_system_asks_for_a_dark_scheme()
    {
        var style = Render<SystemDarkScheme>(p => p.Add(c => c.Theme, ConsoleTheme.Theme).Add(c => c.IsDarkMode, true)).Markup;

        Assert.StartsWith("<style>@media (prefers-color-scheme: dark) { :root {", style, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-surface: rgba(21,29,46,1);", style);
        Assert.Contains("--mud-palette-text-primary: rgba(229,231,235,1);", style);
        Assert.DoesNotContain("--mud-palette-surface: rgba(255,255,255,1);", style);
    }
}
