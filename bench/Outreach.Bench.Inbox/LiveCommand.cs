using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Npgsql;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Bench.Inbox;

/// <summary>
/// From "the webhook was accepted" to "the row is in an open inbox": Chromium shows the inbox's All tab and a
/// MutationObserver notes the moment each new sender's row enters the page; the driver notes the moment each
/// webhook answered 200 (after its transaction committed). Both read the same machine clock. Requests are sent
/// open loop at the given rate from new senders, so every reply is a new row.
/// </summary>
public static class LiveCommand
{
    private const double TargetP95Milliseconds = 500;

    private const string Observer = """
        () => {
          window.__seen = {};
          const note = (node, at) => {
            if (node.nodeType !== 1) return;
            const rows = node.matches('[data-testid=conversation-row]') ? [node] : node.querySelectorAll('[data-testid=conversation-row]');
            for (const row of rows) {
              const phone = row.getAttribute('data-phone');
              if (phone && !(phone in window.__seen)) window.__seen[phone] = at;
            }
          };
          new MutationObserver(mutations => {
            const at = Date.now();
            for (const m of mutations) for (const n of m.addedNodes) note(n, at);
          }).observe(document.querySelector('.oc-inbox'), { childList: true, subtree: true });
        }
        """;

    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var baseUrl = options.Required("url").TrimEnd('/');
        var connection = options.Required("connection");
        var rate = options.Int("rate", 50);
        var seconds = options.Int("seconds", 30);
        var chromium = options.Optional("chromium") ?? "/usr/bin/chromium";

        var (key, number) = await TargetAsync(connection, cancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", options.Required("email"));
        await page.FillAsync("#password", options.Required("password"));
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync(baseUrl + "/inbox");
        await page.Locator("[data-testid=connection-status].oc-conn-up").WaitForAsync();
        await page.ClickAsync("[data-testid=tab-All]");
        await page.Locator("[data-testid=tab-All][aria-pressed=true]").WaitForAsync();
        await page.EvaluateAsync(Observer);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var url = baseUrl + "/webhooks/twilio/sms";
        var accepted = new ConcurrentDictionary<string, long>();
        var errors = 0;
        var total = rate * seconds;
        var prefix = Random.Shared.Next(230, 300); // no N11 service code, no 555
        var started = Stopwatch.GetTimestamp();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            var from = string.Create(CultureInfo.InvariantCulture, $"+1214{prefix}{i % 10_000:0000}");
            sends.Add(PostAsync(i, from));
        }
        await Task.WhenAll(sends);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var seen = (await page.EvaluateAsync<string[]>("() => Object.entries(window.__seen).map(([phone, at]) => phone + '=' + at)"))
            .Select(e => e.Split('='))
            .ToDictionary(e => e[0], e => long.Parse(e[1], CultureInfo.InvariantCulture));

        var latencies = accepted.Where(a => seen.ContainsKey(a.Key)).Select(a => (double)(seen[a.Key] - a.Value)).ToList();
        var missing = accepted.Count - latencies.Count;
        var p = new Percentiles(latencies);
        var ok = missing == 0 && errors == 0 && p.At(95) <= TargetP95Milliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT live rate={rate} seconds={seconds} sent={total} accepted={accepted.Count} errors={errors} rendered={latencies.Count} missing={missing} p50={p.At(50):0} p95={p.At(95):0} p99={p.At(99):0} max={p.Max:0} verdict={(ok ? "ok" : "MISSED")}"));
        return ok ? 0 : 1;

        async Task PostAsync(int i, string from)
        {
            var sid = "SM" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var form = new Dictionary<string, string>
            {
                ["AccountSid"] = "ACbenchinbox", ["Body"] = i % 3 == 0 ? "Yes I'm interested, call me" : "What is this about?",
                ["From"] = from, ["MessageSid"] = sid, ["NumMedia"] = "0", ["SmsSid"] = sid, ["To"] = number,
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(key, url, form));
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    accepted[from] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            Interlocked.Increment(ref errors);
        }
    }

    /// <summary>The simulator's signing key (made here if no webhook made it yet) and the first team's first simulator number.</summary>
    private static async Task<(string Key, string Number)> TargetAsync(string connection, CancellationToken cancellationToken)
    {
        await using var owner = NpgsqlDataSource.Create(connection);
        await using var command = owner.CreateCommand("""
            INSERT INTO installation_settings (key, value, updated_at) VALUES ('simulator.signing_key', @value, now()) ON CONFLICT (key) DO NOTHING;
            SELECT (SELECT value FROM installation_settings WHERE key = 'simulator.signing_key'),
                   (SELECT n.number FROM sending_numbers n WHERE n.provider = 'simulator' AND n.is_active
                      AND n.team_id = (SELECT id FROM teams ORDER BY created_at LIMIT 1) ORDER BY n.number LIMIT 1);
            """);
        command.Parameters.AddWithValue("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(1))
        {
            throw new BenchmarkException("The first team has no active simulator number: is the console seeded?");
        }
        return (reader.GetString(0), reader.GetString(1));
    }
}
