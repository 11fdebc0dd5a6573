using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// Messaging through the UI: a prospect created by hand, a message sent through the guardrails, a signed
/// reply arriving on the other node and appearing live, the classification, and the team kill switch.
/// </summary>
[Collection(ClusterCollection.Name)]
public class MessagingTests(ConsoleCluster cluster)
{
    private const string SimulatorNumber = "+15122400101";

    [Fact]
    public async Task An_operator_messages_a_prospect_sees_the_reply_live_and_pauses_all_sending()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);

        // The messaging settings: the seeded simulator numbers and the classifier's try-it box.
        await Operator.OpenSettingsAsync(page, "Messaging", "Messaging");
        await Expect(page.Locator("[data-testid=numbers]")).ToContainTextAsync(SimulatorNumber);
        await page.FillAsync("[data-testid=try-reply] , input[data-testid=try-reply]", "not for sale, thanks");
        await page.ClickAsync("[data-testid=try-classify]");
        await Expect(page.Locator("[data-testid=try-result]")).ToContainTextAsync("Not interested");
        await Expect(page.Locator("[data-testid=try-result]")).Not.ToContainTextAsync("NotInterested");
        await Expect(page.GetByTestId("kill-switch")).ToContainTextAsync("Stop all sending");
        await Operator.AssertAccessibleAsync(page);
        await page.GetByTestId("try-result").ScrollIntoViewIfNeededAsync();
        await Operator.ScreenshotAsync(page, "messaging-settings");

        // A prospect by hand, under the import's rules.
        var phone = $"(512) 241-{Random.Shared.Next(1000, 9999)}";
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        await Operator.OpenDialogAsync(page, "[data-testid=prospect-new]");
        var editor = page.GetByRole(AriaRole.Dialog);
        await editor.GetByTestId("edit-FirstName").FillAsync("Hank");
        await editor.GetByTestId("edit-LastName").FillAsync("Hill");
        await editor.GetByTestId("edit-Company").FillAsync("Strickland Propane");
        await editor.GetByTestId("edit-Phone").FillAsync(phone);
        await editor.GetByTestId("edit-State").FillAsync("TX");
        await editor.GetByTestId("prospect-save").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hank Hill");
        var prospectUrl = page.Url;
        await Operator.WaitForCircuitAsync(page);

        // Send: either it leaves now, or the guardrails defer it to the recipient's sending hours. Both are
        // right; which one depends on the time of day in Texas when the suite runs.
        await page.FillAsync("[data-testid=compose]", "Hi Hank, would you consider an offer for Strickland Propane?");
        await Expect(page.Locator("[data-testid=segments]")).ToContainTextAsync("1 segment");
        await page.ClickAsync("[data-testid=send]");
        var outbound = page.Locator("[data-testid=thread] .oc-bubble-outbound");
        await Expect(outbound).ToContainTextAsync("would you consider an offer");
        if (await page.Locator("[data-testid=send-result]").CountAsync() > 0)
        {
            await Expect(page.Locator("[data-testid=send-result]")).ToContainTextAsync("Queued for");
        }
        else
        {
            await Expect(outbound.Locator("[data-testid=message-status]")).ToHaveTextAsync(new Regex("Sent|Delivered"), new() { Timeout = 20_000 });
        }

        // A reply arrives through the webhook of the other node and appears here live, classified.
        var e164 = "+1" + new string(phone.Where(char.IsAsciiDigit).ToArray());
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeB.BaseUrl, e164, SimulatorNumber, "yes I'd consider selling, what's it worth?");
        var inbound = page.Locator("[data-testid=thread] .oc-bubble-inbound");
        await Expect(inbound).ToContainTextAsync("consider selling");
        await Expect(inbound.Locator("[data-testid=message-classification]")).ToHaveTextAsync("Interested");
        await Expect(page.Locator("[data-testid=prospect-score] .oc-score")).ToHaveTextAsync("75");
        await Expect(page.Locator("[data-testid=prospect-timeline]")).ToContainTextAsync("Replied");
        await Operator.ScreenshotAsync(page, "prospect-thread");

        // The team kill switch: stopped on the click, the reason given after; nothing is sent and every page says so.
        await Operator.OpenSettingsAsync(page, "Messaging", "Messaging");
        await Operator.OpenDialogAsync(page, "[data-testid=team-stop]");
        await Expect(page.Locator("[data-testid=sending-state]")).ToHaveTextAsync("All sending stopped");
        await Operator.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Dialog).GetByTestId("reason-input").FillAsync("Carrier complaint under review");
        await page.GetByRole(AriaRole.Dialog).GetByTestId("reason-confirm").ClickAsync();
        await Expect(page.Locator("[data-testid=kill-switch]")).ToContainTextAsync("Carrier complaint under review");
        await Expect(page.Locator("[data-testid=stop-banner][data-kind=team]")).ToContainTextAsync("Carrier complaint under review");
        await Operator.ScreenshotAsync(page, "kill-switch");

        await page.GotoAsync(prospectUrl);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hank Hill");
        await Operator.WaitForCircuitAsync(page);
        await page.FillAsync("[data-testid=compose]", "Following up");
        await page.ClickAsync("[data-testid=send]");
        await Expect(page.Locator("[data-testid=send-result]")).ToContainTextAsync("Not sent");

        await Operator.OpenSettingsAsync(page, "Messaging", "Messaging");
        await Expect(page.Locator("[data-testid=guardrail-log]")).ToContainTextAsync("Team sending stopped");
        await Expect(page.Locator("[data-testid=guardrail-log]")).Not.ToContainTextAsync("TeamKillSwitch");
        await page.Locator("[data-testid=kill-switch] [data-testid=team-resume]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=sending-state]")).ToHaveTextAsync("Sending");
        await Expect(page.Locator("[data-testid=stop-banner]")).ToHaveCountAsync(0);
    }
}
