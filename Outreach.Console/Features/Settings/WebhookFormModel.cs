using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Console.Features.Settings;

/// <summary>What the webhook form edits; the rules (a name, a URL, at least one event) are the subscription's own.</summary>
public sealed class WebhookFormModel
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public WebhookFormat Format { get; set; } = WebhookFormat.Standard;
    public HashSet<string> EventTypes { get; } = new(StringComparer.Ordinal);
    public bool Ordered { get; set; }

    public static WebhookFormModel From(WebhookRow row)
    {
        var model = new WebhookFormModel { Name = row.Name, Url = row.Url, Format = row.Format, Ordered = row.Ordered };
        model.EventTypes.UnionWith(row.EventTypes);
        return model;
    }

    public WebhookDraft ToDraft() => new(Name, Url, Format, [.. EventTypes], Ordered);
}
