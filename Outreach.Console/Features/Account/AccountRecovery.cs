using Microsoft.AspNetCore.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>Password reset, the first-sign-in password change and sessions that end: the services and their settings.</summary>
public static class AccountRecovery
{
    /// <summary>
    /// How old a cookie's last check of the security stamp may be. A changed stamp (sign out everywhere, a reset)
    /// refuses the cookie at its first request after this; open circuits are told at once by a live event.
    /// </summary>
    public static readonly TimeSpan CookieRevalidation = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAccountRecovery(this IServiceCollection services)
    {
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = CookieRevalidation);
        services.AddTransient<PasswordResetTokenProvider>();
        services.AddOptions<PasswordResetTokenProviderOptions>();
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[PasswordResetTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(PasswordResetTokenProvider));
            o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
        });
        services.AddScoped<SessionValidator>();
        // Beside the tenant's circuit handler: a circuit runs every registered handler.
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionWatchCircuitHandler>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<PasswordResets>();
        services.AddSingleton<AccountLinks>();
        services.AddSingleton<PasswordResetMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetMailer>());
        return services;
    }
}
