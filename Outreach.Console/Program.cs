using Microsoft.Extensions.Options;
using Outreach.Console;
using Outreach.Console.Components;
using Outreach.Console.Endpoints;
using Outreach.Console.Features.Account;
using Outreach.Console.Features.Shared;
using Outreach.Console.Security;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddConsoleLogging();
builder.AddInfrastructure();
builder.AddConsole();

var app = builder.Build();

// Settings are checked before the database is touched, so a typo never half-starts a node.
app.Services.GetRequiredService<IStartupValidator>().Validate();
await app.Services.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);
app.WarnWhenPublicAddressIsMissing();

app.UseTrustedProxies();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseSecurityHeaders();
app.UseRequestLogging();
app.UseSameOriginHubs();
app.UseRateLimiter();
app.UseAuthentication();
app.UseTenantScope();
app.UseMustChangePassword();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapExternalLoginEndpoints();
app.MapSessionEndpoints();
app.MapProspectEndpoints();
app.MapReportEndpoints();
app.MapWebhookEndpoints();
app.MapRazorComponents<App>()
    // The security headers already deny framing ('none'); Blazor's own 'self' header would be a second CSP.
    .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
// A scheduler that could not stop (its database gone) leaves foreground threads that would keep the process alive.
Outreach.Infrastructure.Jobs.AbandonedScheduler.ExitIfThreadsLeft();

/// <summary>Entry point, visible to WebApplicationFactory in the host tests.</summary>
public partial class Program;
