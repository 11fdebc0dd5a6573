using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// Settings > Webhooks as an owner uses it: add a receiver, send it a test event, see the attempt in the delivery
/// log, check the signature with the secret the page shows, and replay the delivery under the same webhook-id.
/// </summary>
[Collection(ClusterCollection.Name)]
public class WebhookTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task An_owner_adds_a_webhook_sends_a_test_event_sees_it_in_the_log_and_replays_it()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        var name = $"CRM {Random.Shared.Next(1000, 9999)}";

        await Operator.OpenSettingsAsync(page, "Webhooks", "Webhooks");
        await page.GetByTestId("webhook-new").ClickAsync();
        await page.GetByTestId("webhook-name").FillAsync(name);
        await page.GetByTestId("webhook-url").FillAsync(receiver.Url);
        await page.GetByLabel("Task created").CheckAsync();
        await page.GetByLabel("Reply received (classified)").CheckAsync();
        await Operator.AssertAccessibleAsync(page);
        await page.GetByTestId("webhook-save").ClickAsync();
        await Expect(page.GetByTestId("webhooks-grid")).ToContainTextAsync(name);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Send test to {name}" }).ClickAsync();
        var log = page.GetByTestId("webhook-log");
        await Expect(log.GetByTestId("webhook-attempt").First).ToContainTextAsync("200", new() { Timeout = 60_000 });
        await Expect(log).ToContainTextAsync("Test event");
        await log.GetByText("{\"received\":true}").First.ClickAsync();
        await Expect(log.Locator("pre").First).ToContainTextAsync("webhook-signature: v1,");
        await Operator.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"More actions for {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Show signing secret" }).ClickAsync();
        var secret = (await page.GetByTestId("webhook-secret").Locator("code.oc-secret").InnerTextAsync()).Trim();
        var first = Assert.Single(receiver.Requests);
        Assert.True(first.IsSignedWith(secret), "the receiver could not verify the signature with the secret the page shows");
        Assert.Contains("\"type\":\"webhook.test\"", first.Body);

        await log.GetByRole(AriaRole.Button, new() { Name = $"Replay {first.Id}" }).ClickAsync();
        await Expect(log.GetByTestId("webhook-attempt")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal(first.Id, r.Id));
        Assert.All(receiver.Requests, r => Assert.True(r.IsSignedWith(secret)));
        await Operator.ScreenshotAsync(page, "webhooks");
    }
}
