using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Outgoing webhooks: the settings service, the sender with its guarded handler, and the dispatcher on every node that enables it.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<WebhookOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        if (settings.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        }
        services.AddScoped<WebhookSubscriptions>();
        return services;
    }
}
