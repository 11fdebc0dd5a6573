using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
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
        await Expect(page.Locator("[data-testid=try-result]")).ToContainTextAsync("NotInterested");
        await Operator.ScreenshotAsync(page, "messaging-settings");

        // A prospect by hand, under the import's rules.
        var phone = $"(512) 241-{Random.Shared.Next(1000, 9999)}";
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        await page.ClickAsync("[data-testid=prospect-new]");
        await page.FillAsync(".rz-dialog [data-testid=edit-FirstName]", "Hank");
        await page.FillAsync(".rz-dialog [data-testid=edit-LastName]", "Hill");
        await page.FillAsync(".rz-dialog [data-testid=edit-Company]", "Strickland Propane");
        await page.FillAsync(".rz-dialog [data-testid=edit-Phone]", phone);
        await page.FillAsync(".rz-dialog [data-testid=edit-State]", "TX");
        await page.ClickAsync(".rz-dialog [data-testid=prospect-save]");
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
        await PostSignedReplyAsync(cluster.NodeB.BaseUrl, e164, SimulatorNumber, "yes I'd consider selling, what's it worth?");
        var inbound = page.Locator("[data-testid=thread] .oc-bubble-inbound");
        await Expect(inbound).ToContainTextAsync("consider selling");
        await Expect(inbound.Locator("[data-testid=message-classification]")).ToHaveTextAsync("Interested");
        await Expect(page.Locator("[data-testid=prospect-score] .oc-score")).ToHaveTextAsync("75");
        await Expect(page.Locator("[data-testid=prospect-timeline]")).ToContainTextAsync("Replied");
        await Operator.ScreenshotAsync(page, "prospect-thread");

        // The team kill switch: once paused, nothing is sent and the reason is shown.
        await Operator.OpenSettingsAsync(page, "Messaging", "Messaging");
        await page.ClickAsync("[data-testid=pause-sending]");
        await page.FillAsync(".rz-dialog [data-testid=reason-input]", "Carrier complaint under review");
        await page.ClickAsync(".rz-dialog [data-testid=reason-confirm]");
        await Expect(page.Locator("[data-testid=sending-state]")).ToHaveTextAsync("Sending paused");
        await Expect(page.Locator("[data-testid=kill-switch]")).ToContainTextAsync("Carrier complaint under review");
        await Operator.ScreenshotAsync(page, "kill-switch");

        await page.GotoAsync(prospectUrl);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hank Hill");
        await Operator.WaitForCircuitAsync(page);
        await page.FillAsync("[data-testid=compose]", "Following up");
        await page.ClickAsync("[data-testid=send]");
        await Expect(page.Locator("[data-testid=send-result]")).ToContainTextAsync("Not sent");

        await Operator.OpenSettingsAsync(page, "Messaging", "Messaging");
        await Expect(page.Locator("[data-testid=guardrail-log]")).ToContainTextAsync("TeamKillSwitch");
        await page.ClickAsync("[data-testid=resume-sending]");
        await Expect(page.Locator("[data-testid=sending-state]")).ToHaveTextAsync("Sending");
    }

    /// <summary>What the simulator (or Twilio) does: a form post signed with the installation's simulator key.</summary>
    private async Task PostSignedReplyAsync(string baseUrl, string from, string to, string body)
    {
        string key;
        await using (var connection = new NpgsqlConnection(cluster.Database.ConnectionString))
        {
            await connection.OpenAsync();
            // The key is made on first use by whichever node needs it first; a test may be first.
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO installation_settings (key, value, updated_at) VALUES ('simulator.signing_key', @value, now()) ON CONFLICT (key) DO NOTHING;
                SELECT value FROM installation_settings WHERE key = 'simulator.signing_key';
                """, connection);
            command.Parameters.AddWithValue("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            key = (string)(await command.ExecuteScalarAsync())!;
        }
        var url = baseUrl + "/webhooks/twilio/sms";
        var sid = "SM" + Guid.NewGuid().ToString("N");
        var form = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = "ACsimulator", ["Body"] = body, ["From"] = from, ["MessageSid"] = sid, ["NumMedia"] = "0", ["SmsSid"] = sid, ["To"] = to,
        };
        // Twilio's scheme: HMAC-SHA1 over the URL followed by every parameter name and value, sorted by name.
        var payload = url + string.Concat(form.Select(p => p.Key + p.Value));
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload)));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);
        var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
