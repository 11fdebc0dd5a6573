using Outreach.Domain.Common;
using Outreach.Domain.Webhooks;

namespace Outreach.Domain.Tests.Webhooks;

public class WebhookSubscriptionTests
{
    private static readonly Clock Now = new(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("hooks.example.com/x")]
    [InlineData("https://user:secret@hooks.example.com/x")]
    [InlineData("")]
    public void A_url_that_is_not_a_plain_http_address_is_refused(string url) =>
        Assert.Throws<DomainException>(() => Create(url, [WebhookEventTypes.TaskCreated]));

    [Fact]
    public void A_subscription_needs_known_event_types_and_keeps_them_in_the_listed_order()
    {
        Assert.Throws<DomainException>(() => Create("https://hooks.example.com/x", []));
        Assert.Throws<DomainException>(() => Create("https://hooks.example.com/x", ["prospect.deleted"]));

        var subscription = Create("https://hooks.example.com/x", [WebhookEventTypes.ImportFinished, WebhookEventTypes.ReplyReceived, WebhookEventTypes.ReplyReceived]);

        Assert.Equal([WebhookEventTypes.ReplyReceived, WebhookEventTypes.ImportFinished], subscription.EventTypes);
        Assert.StartsWith(WebhookSecret.Prefix, subscription.Secret);
        Assert.Equal(32, WebhookSecret.KeyOf(subscription.Secret).Length);
    }

    [Fact]
    public void A_rotated_secret_signs_beside_the_old_one_until_the_overlap_ends()
    {
        var subscription = Create("https://hooks.example.com/x", [WebhookEventTypes.TaskCreated]);
        var old = subscription.Secret;

        var rotated = subscription.RotateSecret(TimeSpan.FromHours(24), Now);

        Assert.Equal([rotated, old], subscription.SigningSecrets(Now.GetUtcNow().AddHours(23)));
        Assert.Equal([rotated], subscription.SigningSecrets(Now.GetUtcNow().AddHours(25)));
        Assert.Throws<DomainException>(() => subscription.RotateSecret(TimeSpan.FromDays(8), Now));
    }

    [Fact]
    public void Enabling_again_clears_the_reason_it_was_disabled()
    {
        var subscription = Create("https://hooks.example.com/x", [WebhookEventTypes.TaskCreated]);

        subscription.Disable("Failing since yesterday", Now);
        Assert.False(subscription.IsEnabled);
        Assert.Equal("Failing since yesterday", subscription.DisabledReason);
        subscription.Enable(Now);

        Assert.Equal((true, (string?)null, (DateTimeOffset?)null), (subscription.IsEnabled, subscription.DisabledReason, subscription.FailingSince));
    }

    [Fact]
    public void Retries_back_off_exponentially_with_jitter_up_to_an_hour_and_stop_after_three_days()
    {
        Assert.InRange(WebhookRetryPolicy.Delay(1, 0), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2.5));
        Assert.InRange(WebhookRetryPolicy.Delay(1, 0.999), TimeSpan.FromSeconds(4.99), TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(20), WebhookRetryPolicy.Delay(4, 0));
        Assert.Equal(TimeSpan.FromMinutes(30), WebhookRetryPolicy.Delay(30, 0));
        Assert.Equal(TimeSpan.FromHours(1), WebhookRetryPolicy.Delay(30, 1));

        var first = Now.GetUtcNow();
        Assert.False(WebhookRetryPolicy.IsExhausted(first, first.AddDays(3)));
        Assert.True(WebhookRetryPolicy.IsExhausted(first, first.AddDays(3).AddSeconds(1)));
    }

    private static WebhookSubscription Create(string url, string[] types) =>
        WebhookSubscription.Create(Guid.NewGuid(), "CRM", url, WebhookFormat.Standard, types, ordered: false, Now);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
