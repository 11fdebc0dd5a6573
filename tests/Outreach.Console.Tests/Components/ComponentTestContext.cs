using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Outreach.Console.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services and a loose JavaScript runtime (MudBlazor calls JavaScript for
/// focus, popovers and key handling; none of it matters to the logic under test). MudBlazor's key interceptor
/// only implements <see cref="IAsyncDisposable"/>, which xunit 2 never calls on a test class unless it is an
/// <see cref="IAsyncLifetime"/>: disposing synchronously fails the test (MudBlazor issue 12403).
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Renders the popover and dialog hosts the way the layout does, for components that open them.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogHost()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
