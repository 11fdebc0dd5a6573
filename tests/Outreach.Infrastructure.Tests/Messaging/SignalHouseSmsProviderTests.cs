using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.SignalHouse;

namespace Outreach.Infrastructure.Tests.Messaging;

public class SignalHouseSmsProviderTests
{
    private const string ApiToken = "sh_test_token";
    private const string GroupId = "G0000001";

    private const string Enqueued = """
        {"requestedRecipientCount": 1, "enqueuedCount": 1, "failedCount": 0, "dncBlockedNumbers": [],
         "insertedMessages": [{"_id": "66f1c0ffee0000000000abcd", "status": "ENQUEUED", "errorCode": null, "segmentCount": 2}]}
        """;

    private static SignalHouseSmsProvider Provider(StubProviderServer server) =>
        ProviderTestHost.Build(new Dictionary<string, string?>
        {
            ["SignalHouse:ApiToken"] = ApiToken,
            ["SignalHouse:GroupId"] = GroupId,
            ["SignalHouse:WebhookSecret"] = "whsec_test",
            ["SignalHouse:BaseUrl"] = server.BaseUrl.ToString(),
        }).GetRequiredService<SignalHouseSmsProvider>();

    [Fact]
    public async Task Send_posts_the_sdk_shaped_json_with_bearer_token_and_idempotency_key()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, Enqueued));
        var request = ProviderTestHost.Request(new Uri("https://console.example.com/webhooks/signalhouse/status"));

        var result = await Provider(server).SendAsync(request, CancellationToken.None);

        var sent = server.Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/message/sms", sent.Path);
        Assert.Equal("Bearer " + ApiToken, sent.Header("Authorization"));
        Assert.Equal(request.IdempotencyKey, sent.Header("Idempotency-Key"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"));
        using var json = JsonDocument.Parse(sent.Body);
        var expected = $$"""
            {"senderPhoneNumber": "15005550006", "recipientPhoneNumber": ["14155552671"],
             "messageBody": {{JsonSerializer.Serialize(request.Body)}},
             "statusCallbackUrl": "https://console.example.com/webhooks/signalhouse/status", "enableShortlink": false}
            """;
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, json.RootElement), sent.Body);

        Assert.True(result.Accepted);
        Assert.Equal("66f1c0ffee0000000000abcd", result.ProviderMessageId);
        Assert.Equal(2, result.Segments);
    }

    [Fact]
    public async Task Send_without_a_status_callback_leaves_the_field_out()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, Enqueued));

        await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        using var json = JsonDocument.Parse(server.Single().Body);
        Assert.False(json.RootElement.TryGetProperty("statusCallbackUrl", out _));
    }

    [Fact]
    public async Task A_201_that_enqueued_nothing_because_of_a_campaign_opt_out_is_permanent()
    {
        const string blocked = """
            {"requestedRecipientCount": 1, "enqueuedCount": 0, "failedCount": 1, "dncBlockedNumbers": [],
             "insertedMessages": [{"_id": "66f1c0ffee0000000000beef", "status": "FAILED", "errorCode": "OUT"}]}
            """;
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, blocked));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(ProviderFailureKind.Permanent, result.Failure);
        Assert.Equal(SignalHouseSmsProvider.CampaignOptOutCode, result.ErrorCode);
        Assert.Equal("66f1c0ffee0000000000beef", result.ProviderMessageId);
    }

    [Fact]
    public async Task A_recipient_on_the_do_not_contact_list_is_permanent()
    {
        const string suppressed = """
            {"requestedRecipientCount": 1, "enqueuedCount": 0, "failedCount": 0, "insertedMessages": [], "dncBlockedNumbers": ["14155552671"]}
            """;
        await using var server = await StubProviderServer.StartAsync(new StubResponse(201, suppressed));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Equal(ProviderFailureKind.Permanent, result.Failure);
        Assert.Equal(SignalHouseSmsProvider.DoNotContactCode, result.ErrorCode);
        Assert.Null(result.ProviderMessageId);
    }

    [Fact]
    public async Task A_400_is_permanent_with_signalhouses_message()
    {
        await using var server = await StubProviderServer.StartAsync(
            new StubResponse(400, """{"message": "senderPhoneNumber is not assigned to an active campaign"}"""));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Single(server.Requests);
        Assert.Equal(ProviderFailureKind.Permanent, result.Failure);
        Assert.Equal("http_400", result.ErrorCode);
        Assert.Equal("senderPhoneNumber is not assigned to an active campaign", result.ErrorMessage);
    }

    [Fact]
    public async Task A_502_is_repeated_with_the_same_idempotency_key_because_signalhouse_replays_instead_of_resending()
    {
        await using var server = await StubProviderServer.StartAsync((_, n) => n == 0
            ? new StubResponse(502, """{"message": "Bad Gateway"}""")
            : new StubResponse(201, Enqueued));
        var request = ProviderTestHost.Request();

        var result = await Provider(server).SendAsync(request, CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(request.IdempotencyKey, r.Header("Idempotency-Key")));
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Fact]
    public async Task A_persistent_503_returns_to_the_queue_with_signalhouses_retry_after()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(
            503, """{"message": "Service Unavailable"}""", new Dictionary<string, string> { ["Retry-After"] = "30" }));

        var result = await Provider(server).SendAsync(ProviderTestHost.Request(), CancellationToken.None);

        Assert.Single(server.Requests); // 30 s is past Retry:MaxRetryAfter (2 s): not worth holding a worker
        Assert.Equal(ProviderFailureKind.Transient, result.Failure);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.False(result.OutcomeUnknown);
    }

    [Fact]
    public async Task FindPreviousSend_searches_the_group_and_matches_the_exact_body()
    {
        var request = ProviderTestHost.Request();
        var since = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
        var body = JsonSerializer.Serialize(request.Body);
        var page = $$"""
            {"data": [
              {"_id": "m_other", "direction": "OUTBOUND", "senderPhoneNumber": "15005550006", "recipientPhoneNumber": "14155552671",
               "messageBody": "Different text", "createdAt": "2026-03-14T15:01:00.000Z"},
              {"_id": "m_early", "direction": "OUTBOUND", "senderPhoneNumber": "15005550006", "recipientPhoneNumber": "14155552671",
               "messageBody": {{body}}, "createdAt": "2026-03-14T14:00:00.000Z"},
              {"_id": "m_match", "direction": "OUTBOUND", "senderPhoneNumber": "15005550006", "recipientPhoneNumber": "14155552671",
               "messageBody": {{body}}, "createdAt": "2026-03-14T15:00:01.000Z"}
            ], "totalCount": 3}
            """;
        await using var server = await StubProviderServer.StartAsync(new StubResponse(200, page));

        var id = await Provider(server).FindPreviousSendAsync(request, since, CancellationToken.None);

        Assert.Equal("m_match", id);
        var sent = server.Single();
        Assert.Equal("GET", sent.Method);
        Assert.Equal("/message", sent.Path);
        Assert.Equal("Bearer " + ApiToken, sent.Header("Authorization"));
        var query = sent.Query();
        Assert.Equal(GroupId, query["groupId"].ToString());
        Assert.Equal("15005550006", query["senderPhoneNumber"].ToString());
        Assert.Equal("14155552671", query["recipientPhoneNumber"].ToString());
        Assert.Equal("OUTBOUND", query["direction"].ToString());
        Assert.Equal("2026-03-14", query["startDate"].ToString());
    }

    [Fact]
    public async Task FindPreviousSend_returns_null_when_no_message_matches()
    {
        await using var server = await StubProviderServer.StartAsync(new StubResponse(200, "[]"));

        var id = await Provider(server).FindPreviousSendAsync(ProviderTestHost.Request(), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Null(id);
    }
}
