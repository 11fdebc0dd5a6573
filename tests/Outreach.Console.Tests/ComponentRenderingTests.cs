using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Outreach.Console.Components;

namespace Outreach.Console.Tests;

/// <summary>Static rendering of shared components with the framework's HtmlRenderer (bUnit is unavailable here).</summary>
public class ComponentRenderingTests
{
    [Fact]
    public async Task An_empty_state_shows_its_title_text_and_icon()
    {
        var html = await RenderAsync<EmptyState>(new Dictionary<string, object?>
        {
            [nameof(EmptyState.Icon)] = "forum",
            [nameof(EmptyState.Title)] = "Nothing waiting",
            [nameof(EmptyState.Text)] = "Replies appear here <live>.",
        });

        Assert.Contains("Nothing waiting", html);
        Assert.Contains("Replies appear here &lt;live&gt;.", html);
        Assert.Contains("role=\"status\"", html);
    }

    [Fact]
    public async Task A_stat_tile_shows_a_dash_until_it_has_a_value()
    {
        var empty = await RenderAsync<StatTile>(new Dictionary<string, object?> { [nameof(StatTile.Label)] = "Nodes alive" });
        var filled = await RenderAsync<StatTile>(new Dictionary<string, object?> { [nameof(StatTile.Label)] = "Nodes alive", [nameof(StatTile.Value)] = "2" });

        Assert.Contains(">–<", System.Net.WebUtility.HtmlDecode(empty));
        Assert.Contains(">2<", filled);
    }

    private static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        // Radzen components ask for IJSRuntime even when rendered statically; they never call it then.
        var services = new ServiceCollection().AddLogging().AddSingleton<IJSRuntime, UnavailableJsRuntime>().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    private sealed class UnavailableJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("No JavaScript during static rendering.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("No JavaScript during static rendering.");
    }
}
