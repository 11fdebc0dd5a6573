using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Outreach.Console.Features.Account;
using Outreach.Console.Features.ControlRoom;
using Outreach.Console.Features.Settings;
using Outreach.Console.Features.Shared;
using Outreach.Console.Security;
using Outreach.Infrastructure.Identity;
using MudBlazor;
using MudBlazor.Services;
using Serilog;
using Serilog.Events;

namespace Outreach.Console;

public static class ConsoleServices
{
    /// <summary>Serilog to the console and to rolling files under the data directory.</summary>
    public static WebApplicationBuilder AddConsoleLogging(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration["Outreach:DataDirectory"] ?? ".data";
        var logDirectory = Path.Combine(builder.Environment.ContentRootPath, dataDirectory, "logs");
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(
                Path.Combine(logDirectory, "outreach-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:O} [{Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.UseStaticWebAssets();

        services.AddOptions<SecurityOptions>()
            .Bind(builder.Configuration.GetSection(SecurityOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "Outreach:Security:KnownProxies must list IP addresses (for example 10.0.0.5).")
            .ValidateOnStart();
        PublicAddress.ConfigureAllowedHosts(services);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(mud =>
        {
            // Confirmations are short and stack at the bottom; errors stay until read (they also sit beside the field).
            mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.PreventDuplicates = true;
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            mud.SnackbarConfiguration.VisibleStateDuration = 4000;
            mud.SnackbarConfiguration.ShowCloseIcon = true;
        });
        // The security headers middleware sends X-Frame-Options: DENY; antiforgery would add a second, weaker one.
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddHttpContextAccessor();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthentication().AddExternalIdentity(builder.Configuration);
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = ".Outreach.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
        });
        // The periodic security-stamp check rebuilds the principal; keep the team this session works in
        // (the claims transformation still checks the membership on every request).
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            var team = context.CurrentPrincipal?.FindFirst(OutreachClaimTypes.TeamId);
            if (team is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                foreach (var claim in identity.FindAll(OutreachClaimTypes.TeamId).ToList())
                {
                    identity.RemoveClaim(claim);
                }
                identity.AddClaim(new Claim(OutreachClaimTypes.TeamId, team.Value));
            }
            return Task.CompletedTask;
        });
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, OutreachClaimsPrincipalFactory>();
        services.AddScoped<IClaimsTransformation, TeamClaimsTransformation>();
        services.AddScoped<ISignInService, IdentitySignInService>();
        services.AddSignInRateLimit();
        services.AddAuthorizationBuilder().AddOutreachPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, MembershipRevalidatingAuthenticationStateProvider>();
        services.AddAccountRecovery();

        services.AddScoped<CurrentMember>();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.AddScoped<TeamEvents>();
        services.AddScoped<TeamAdministration>();
        services.AddScoped<TeamInvitations>();
        services.AddScoped<InvitationAcceptance>();
        services.AddScoped<SettingsQueries>();
        services.AddScoped<ControlRoomQueries>();
        services.AddScoped<Endpoints.WebhookContext>();
        services.AddSingleton<Outreach.Infrastructure.Messaging.Simulator.ISimulatorEndpoint, Endpoints.ServerSimulatorEndpoint>();
        return builder;
    }
}
