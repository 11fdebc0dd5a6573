using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure;

namespace Outreach.Console.Security;

/// <summary>
/// The console's public address (<c>Outreach:PublicBaseUrl</c>) and what hangs on it. Without it, Twilio
/// signatures are checked over the Host header the client sends and any Host is accepted, so a forged Host
/// steers the links and redirects the console builds. With it, only requests for that host are served.
/// </summary>
public static class PublicAddress
{
    /// <summary>
    /// With a public address and no explicit <c>AllowedHosts</c>, the allowed hosts are the public address's
    /// host plus the loopback names, so that a probe on the machine itself (a health check, a container's
    /// own curl) still gets through; any other Host is answered 400 by ASP.NET Core's host filtering.
    /// </summary>
    public static void ConfigureAllowedHosts(IServiceCollection services) =>
        services.AddOptions<HostFilteringOptions>().Configure<IConfiguration, IOptions<OutreachOptions>>((hostFiltering, configuration, outreach) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && Host(outreach.Value.PublicBaseUrl) is { } host)
            {
                hostFiltering.AllowedHosts = [host, "localhost", "127.0.0.1", "[::1]"];
            }
        });

    /// <summary>True when this is a production node that providers and browsers reach without a configured address.</summary>
    public static bool IsMissing(IHostEnvironment environment, OutreachOptions options) =>
        environment.IsProduction() && string.IsNullOrWhiteSpace(options.PublicBaseUrl);

    public static WebApplication WarnWhenPublicAddressIsMissing(this WebApplication app)
    {
        if (IsMissing(app.Environment, app.Services.GetRequiredService<IOptions<OutreachOptions>>().Value))
        {
            app.Logger.LogWarning(
                "Outreach:PublicBaseUrl is not set: webhook signatures are checked against the Host header each request sends, and every Host is accepted. " +
                "Set Outreach__PublicBaseUrl to the address providers and browsers use (https://console.example.com).");
        }
        return app;
    }

    private static string? Host(string? publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.IdnHost : null;
}
