using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Infrastructure.Tests.Messaging;

public class TwilioSmsProviderTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "test-auth-token";
    private const string MessagesPath = "/2010-04-01/Accounts/" + AccountSid + "/Messages.json";

    // As Twilio answers a create: status queued, segments known, price not billed yet.
    private const string CreatedMessage = """
        {"account_sid": "AC0123456789abcdef0123456789abcdef", "api_version": "2010-04-01",
         "body": "Hi", "date_created": "Thu, 30 Jul 2015 20:12:31 +0000", "date_sent": null,
         "direction": "outbound-api", "error_code": null, "error_message": null, "from": "+15005550006",
         "messaging_service_sid": null, "num_media": "0", "num_segments": "2", "price": null, "price_unit": "USD",
         "sid": "SM0123456789abcdef0123456789abcdef", "status": "queued", "to": "+14155552671"}
        """;

    private static TwilioSmsProvider Provider(StubProviderServer server, string? messagingServiceSid = null) =>
        Provider(server.BaseUrl.ToString(), messagingServiceSid);

    private static TwilioSmsProvider Provider(string baseUrl, string? messagingServiceSid = null) =>
        ProviderTestHost.Build(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:BaseUrl"] = baseUrl,
            ["Twilio:MessagingServiceSid"] = messagingServiceSid,
        }).GetRequiredService<TwilioSmsProvider>();

    private static string TwilioError(int code, string message, int status) =>
        $$"""{"code": {{code}}, "message": "{{message}}", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": {{status}}}""";

    [Fact]
    public async Task Send_posts_the_form_to_the_account_messages_resource_with_basic_auth()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, CreatedMessage));
        var request = ProviderTestHost.Request(new Uri("https://console.example.com/webhooks/twilio/status?team=7"));

        var result = await Provider(server).SendAsync(request, CancellationToken.None);

        var sent = server.Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal(MessagesPath, sent.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")), sent.Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", sent.Header("Content-Type"));
        var form = sent.Form();
        Assert.Equal(new[] { "Body", "From", "StatusCallback", "To" }, form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(request.To, form["To"].ToString());
        Assert.Equal(request.From, form["From"].ToString());
        Assert.Equal(request.Body, form["Body"].ToString());
        Assert.Equal("https://console.example.com/webhooks/twilio/status?team=7", form["StatusCallback"].ToString());
        // '+' must be escaped, or Twilio reads a space.
        Assert.Contains("To=%2B14155552671", sent.Body);

        Assert.True(result.Accepted);
        Assert.Equal("SM0123456789abcdef0123456789abcdef", result.ProviderMessageId);
        Assert.Equal(2, result.Segments);
        Assert.Null(result.Cost);
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public async Task Send_adds_the_messaging_service_and_reads_the_price_as_positive_spend()
    {
        var billed = CreatedMessage.Replace("\"price\": null", "\"price\": \"-0.00750\"");
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, billed));

        var result = await Provider(server, messagingServiceSid: "MG0123456789abcdef0123456789abcdef")
            .SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        var form = server.Single().Form();
        Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"].ToString());
        Assert.Equal(ProviderTestHost.Request().From, form["From"].ToString());
        Assert.False(form.ContainsKey("StatusCallback"));
        Assert.Equal(0.0075m, result.Cost);
    }

    [Fact]
    public async Task An_invalid_recipient_is_a_permanent_failure_carrying_twilios_code_and_is_not_retried()
    {
        await using var server = await StubProviderServer.StartAsync(
            new StubResponse(400, TwilioError(21211, "The 'To' number +14155552671 is not a valid phone number.", 400)));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Single(server.Requests);
        Assert.False(result.Accepted);
        Assert.Equal(ProviderFailureKind.Permanent, result.Failure);
        Assert.Equal("21211", result.ErrorCode);
        Assert.Equal("The 'To' number +14155552671 is not a valid phone number.", result.ErrorMessage);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task An_unsubscribed_recipient_is_permanent()
    {
        await using var server = await StubProviderServer.StartAsync(
            new StubResponse(400, TwilioError(TwilioErrorCodes.UnsubscribedRecipient, "Attempt to send to unsubscribed recipient", 400)));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Equal(ProviderFailureKind.Permanent, result.Failure);
        Assert.Equal("21610", result.ErrorCode);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_it_names_and_then_accepted()
    {
        await using var server = await StubProviderServer.StartAsync((_, n) => n == 0
            ? new StubResponse(429, TwilioError(20429, "Too Many Requests", 429), new Dictionary<string, string> { ["Retry-After"] = "1" })
            : new StubResponse(201, CreatedMessage));
        var provider = Provider(server);

        var clock = Stopwatch.StartNew();
        var result = await provider.SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
        // The configured backoff is 10 ms; only Twilio's Retry-After explains a wait of a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_persistent_503_is_retried_a_bounded_number_of_times_and_then_returned_to_the_queue()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(503, TwilioError(20503, "Service Unavailable", 503)));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Equal(4, server.Requests.Count); // the first attempt and three retries
        Assert.Equal(ProviderFailureKind.Transient, result.Failure);
        Assert.Equal("20503", result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(42), result.RetryAfter); // Retry:RescheduleAfter, as Twilio named none
        Assert.False(result.OutcomeUnknown);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_cap_goes_back_to_the_queue_at_once()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(
            429, TwilioError(20429, "Too Many Requests", 429), new Dictionary<string, string> { ["Retry-After"] = "120" }));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Single(server.Requests);
        Assert.Equal(ProviderFailureKind.Transient, result.Failure);
        Assert.Equal("20429", result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task A_500_is_not_repeated_because_twilio_may_have_created_the_message()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(500, TwilioError(20500, "Internal Server Error", 500)));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Single(server.Requests);
        Assert.Equal(ProviderFailureKind.Transient, result.Failure);
        Assert.True(result.OutcomeUnknown);
    }

    [Fact]
    public async Task A_timeout_is_transient_with_an_unknown_outcome_and_is_not_repeated()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, CreatedMessage, Delay: TimeSpan.FromSeconds(10)));
        var provider = ProviderTestHost.Build(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:BaseUrl"] = server.BaseUrl.ToString(),
            ["Retry:AttemptTimeout"] = "00:00:00.300",
        }).GetRequiredService<TwilioSmsProvider>();

        var result = await provider.SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Single(server.Requests);
        Assert.Equal(ProviderFailureKind.Transient, result.Failure);
        Assert.Equal("timeout", result.ErrorCode);
        Assert.True(result.OutcomeUnknown);
        Assert.Equal(TimeSpan.FromSeconds(42), result.RetryAfter);
    }

    [Fact]
    public async Task A_refused_connection_is_transient_and_certainly_not_sent()
    {
        // Bind and release a port so that nothing listens on it.
        int port;
        await using (var closed = await StubProviderServer.StartAsync(new StubResponse(200)))
        {
            port = closed.BaseUrl.Port;
        }

        var result = await Provider($"http://127.0.0.1:{port}").SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Equal(ProviderFailureKind.Transient, result.Failure);
        Assert.Equal("network_error", result.ErrorCode);
        Assert.False(result.OutcomeUnknown);
    }

    [Fact]
    public async Task A_message_twilio_created_already_failed_is_permanent_and_keeps_its_sid()
    {
        var failed = CreatedMessage
            .Replace("\"status\": \"queued\"", "\"status\": \"failed\"")
            .Replace("\"error_code\": null", "\"error_code\": 30007")
            .Replace("\"error_message\": null", "\"error_message\": \"Message filtered\"");
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, failed));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(ProviderFailureKind.Permanent, result.Failure);
        Assert.Equal("30007", result.ErrorCode);
        Assert.Equal("SM0123456789abcdef0123456789abcdef", result.ProviderMessageId);
    }

    [Fact]
    public async Task Bad_credentials_do_not_fail_the_message_for_good()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(401, TwilioError(20003, "Authenticate", 401)));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Single(server.Requests);
        Assert.Equal(ProviderFailureKind.Transient, result.Failure);
        Assert.Equal("20003", result.ErrorCode);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws_instead_of_reporting_a_failure()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, CreatedMessage, Delay: TimeSpan.FromSeconds(10)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Provider(server).SendAsync(ProviderTestHost.Request(), cancellation.Token));
    }

    [Fact]
    public async Task FindPreviousSend_searches_by_to_from_and_date_and_matches_the_exact_body_since_the_claim()
    {
        var request = ProviderTestHost.Request();
        var since = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
        string Message(string sid, string body, string created, string direction = "outbound-api") => $$"""
            {"sid": "{{sid}}", "status": "delivered", "direction": "{{direction}}", "from": "{{request.From}}", "to": "{{request.To}}",
             "body": {{System.Text.Json.JsonSerializer.Serialize(body)}}, "num_segments": "1", "price": "-0.00790",
             "error_code": null, "error_message": null, "date_created": "{{created}}"}
            """;
        var page = $$"""
            {"first_page_uri": "/x", "next_page_uri": null, "page": 0, "page_size": 100, "messages": [
              {{Message("SM_other_body", request.Body + " ", "Sat, 14 Mar 2026 15:05:00 +0000")}},
              {{Message("SM_inbound", request.Body, "Sat, 14 Mar 2026 15:05:00 +0000", direction: "inbound")}},
              {{Message("SM_match", request.Body, "Sat, 14 Mar 2026 15:00:02 +0000")}},
              {{Message("SM_before_claim", request.Body, "Sat, 14 Mar 2026 14:59:59 +0000")}}
            ]}
            """;
        await using var server = await StubProviderServer.StartAsync(new StubResponse(200, page));

        var sid = await Provider(server).FindPreviousSendAsync(request, since, CancellationToken.None);

        Assert.Equal("SM_match", sid);
        var sent = server.Single();
        Assert.Equal("GET", sent.Method);
        Assert.Equal(MessagesPath, sent.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")), sent.Header("Authorization"));
        Assert.Contains("DateSent%3E=2026-03-14", sent.QueryString);
        var query = sent.Query();
        Assert.Equal(request.To, query["To"].ToString());
        Assert.Equal(request.From, query["From"].ToString());
        Assert.Equal("2026-03-14", query["DateSent>"].ToString());
    }

    [Fact]
    public async Task FindPreviousSend_follows_next_page_uri_and_returns_null_when_nothing_matches()
    {
        const string first = """{"messages": [], "next_page_uri": "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json?PageSize=100&Page=1&PageToken=PAabc"}""";
        const string last = """{"messages": [], "next_page_uri": null}""";
        await using var server = await StubProviderServer.StartAsync((_, n) => new StubResponse(200, n == 0 ? first : last));

        var sid = await Provider(server).FindPreviousSendAsync(ProviderTestHost.Request(), DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);

        Assert.Null(sid);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(MessagesPath, server.Requests[1].Path);
        Assert.Equal("?PageSize=100&Page=1&PageToken=PAabc", server.Requests[1].QueryString);
    }

    [Fact]
    public async Task FindPreviousSend_throws_rather_than_answer_not_sent_when_twilio_cannot_be_asked()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(500, TwilioError(20500, "Internal Server Error", 500)));

        var exception = await Assert.ThrowsAsync<SmsProviderUnavailableException>(
            () => Provider(server).FindPreviousSendAsync(ProviderTestHost.Request(), DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal(SmsProviderNames.Twilio, exception.ProviderName);
        Assert.Equal(4, server.Requests.Count); // a search has no side effects, so even a 500 is retried
    }
}
