using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Infrastructure.Identity;

public static class InvitationServices
{
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddScoped<InvitationDirectory>();
        services.AddSingleton<IInvitationMail, SmtpInvitationMail>();
        return services;
    }
}
