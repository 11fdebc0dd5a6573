using System.Text.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Console.Tests;

/// <summary>
/// The provider webhooks through the real host: signatures are checked before anything is stored, the
/// team comes from the receiving number, retries change nothing, and status callbacks only move forward.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class WebhookTests(ConsoleFactory factory)
{
    private const string Url = "http://localhost/webhooks/twilio/sms";
    private const string SeededNumber = "+15122400101";

    [Fact]
    public async Task A_forged_or_missing_signature_is_rejected_with_403_and_nothing_is_stored()
    {
        var sid = NewSid();
        var form = Inbound(sid, "+12128675309", SeededNumber, "Interested, call me");

        var forged = await PostAsync(form, "bm90IGEgc2lnbmF0dXJl");
        var missing = await PostAsync(form, signature: null);
        var signedWithAnotherKey = await PostAsync(form, TwilioSignature.Compute("someone-elses-key", Url, form));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signedWithAnotherKey.StatusCode);
        Assert.Equal(0, await CountMessagesAsync(sid));
    }

    public static TheoryData<string, int> Malformed => new()
    {
        { "json", 415 },
        { "no content type", 415 },
        { "1,025 fields", 400 },
        { "oversized value", 413 },
        { "oversized body", 413 },
        { "multipart without a boundary", 400 },
        { "multipart cut short", 400 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_request_is_answered_with_a_client_error_and_logged_as_a_warning_not_an_error(string kind, int expected)
    {
        var before = factory.Logs.Entries.Count;

        var response = await factory.CreateClient().PostAsync(Url, MalformedContent(kind));

        Assert.Equal(expected, (int)response.StatusCode);
        var logged = await factory.Logs.SinceAsync(before, e => e.Category == "Outreach.Console.Requests" && Equals(e["Path"], "/webhooks/twilio/sms"));
        Assert.Equal(expected, logged[^1]["StatusCode"]);
        Assert.Contains(logged, e => e.Level == LogLevel.Warning && e.Category.EndsWith(".WebhookContext", StringComparison.Ordinal) && Equals(e["StatusCode"], expected));
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_well_formed_multipart_request_with_a_forged_signature_is_still_refused_with_403()
    {
        var form = new MultipartFormDataContent("forged")
        {
            { new StringContent(SeededNumber), "To" },
            { new StringContent("+12128675309"), "From" },
            { new StringContent("hello"), "Body" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = form };
        request.Headers.Add(TwilioSignature.HeaderName, "bm90IGEgc2lnbmF0dXJl");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static HttpContent MalformedContent(string kind) => kind switch
    {
        "json" => new StringContent($$"""{"To":"{{SeededNumber}}","Body":"hi"}""", Encoding.UTF8, "application/json"),
        "no content type" => new ByteArrayContent(Encoding.ASCII.GetBytes($"To={Uri.EscapeDataString(SeededNumber)}&Body=hi")),
        "1,025 fields" => new FormUrlEncodedContent(Enumerable.Range(0, 1025).Select(i => KeyValuePair.Create($"Field{i}", "x"))),
        "oversized value" => new FormUrlEncodedContent([KeyValuePair.Create("To", SeededNumber), KeyValuePair.Create("Body", new string('x', 100_000))]),
        "oversized body" => new FormUrlEncodedContent(Enumerable.Range(0, 1000).Select(i => KeyValuePair.Create($"Field{i}", new string('y', 100)))),
        "multipart without a boundary" => Raw("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"Body\"\r\n\r\nhi\r\n--x--\r\n"),
        "multipart cut short" => Raw("multipart/form-data; boundary=cut", "--cut\r\nContent-Disposition: form-data; name=\"Body\"\r\n\r\nhello, and then noth"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static ByteArrayContent Raw(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task A_signed_reply_is_classified_and_stored_once_however_often_it_is_retried()
    {
        var sid = NewSid();
        var from = "+1312867" + Random.Shared.Next(1000, 9999);
        var form = Inbound(sid, from, SeededNumber, "Sure, send it to Jim.Baker@Gmail.com");
        var signature = TwilioSignature.Compute(await SimulatorKeyAsync(), Url, form);

        var first = await PostAsync(form, signature);
        var retry = await PostAsync(form, signature);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, await CountMessagesAsync(sid));
        await using var db = SystemContext();
        var message = await db.Set<Message>().SingleAsync(m => m.ProviderMessageId == sid);
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == message.ConversationId);
        var prospect = await db.Set<Prospect>().SingleAsync(p => p.Id == conversation.ProspectId);
        Assert.Equal(ReplyKind.EmailCaptured, message.Classification);
        Assert.Equal(InboxBucket.EmailCaptures, conversation.Bucket);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal("jim.baker@gmail.com", prospect.Email);
        Assert.Equal(LeadScoring.BasePoints + 10 + 50, prospect.Score);
    }

    [Fact]
    public async Task A_json_body_signed_through_its_hash_in_the_url_is_accepted_and_a_changed_body_or_hash_is_refused()
    {
        var key = await SimulatorKeyAsync();
        var sid = NewSid();
        var json = JsonSerializer.Serialize(Inbound(sid, "+1312867" + Random.Shared.Next(1000, 9999), SeededNumber, "Yes, I am interested"));
        var hash = TwilioSignature.BodyHash(Encoding.UTF8.GetBytes(json));
        var url = $"{Url}?bodySHA256={hash}";
        var signature = TwilioSignature.Compute(key, url, []);

        var changedBody = await PostJsonAsync(url, json.Replace("interested", "not interested", StringComparison.Ordinal), signature);
        var otherHash = TwilioSignature.BodyHash(Encoding.UTF8.GetBytes(json + " "));
        var changedHash = await PostJsonAsync($"{Url}?bodySHA256={otherHash}", json, signature);
        var signedElsewhere = await PostJsonAsync(url, json, TwilioSignature.Compute("someone-elses-key", url, []));
        var accepted = await PostJsonAsync(url, json, signature);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (changedBody.StatusCode, changedHash.StatusCode, signedElsewhere.StatusCode));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await using var db = SystemContext();
        var message = await db.Set<Message>().SingleAsync(m => m.ProviderMessageId == sid);
        Assert.Equal(("Yes, I am interested", ReplyKind.Interested), (message.Body, message.Classification));
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string url, string json, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(TwilioSignature.HeaderName, signature);
        return await factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task The_bucket_history_records_the_classifiers_filing_once_and_a_reply_reopening_a_done_conversation()
    {
        var from = "+1415867" + Random.Shared.Next(1000, 9999);
        var key = await SimulatorKeyAsync();
        var first = Inbound(NewSid(), from, SeededNumber, "Yes, interested. What would you pay?");
        var signature = TwilioSignature.Compute(key, Url, first);
        await PostAsync(first, signature);
        await PostAsync(first, signature);
        await using (var db = SystemContext())
        {
            var conversation = await db.Set<Conversation>().SingleAsync(c => c.ProspectPhone == from);
            await db.Database.ExecuteSqlAsync($"UPDATE conversations SET status = 'Done' WHERE id = {conversation.Id}");
        }

        var second = Inbound(NewSid(), from, SeededNumber, "Actually, call me tomorrow");
        await PostAsync(second, TwilioSignature.Compute(key, Url, second));

        await using var check = SystemContext();
        var id = await check.Set<Conversation>().Where(c => c.ProspectPhone == from).Select(c => c.Id).SingleAsync();
        var history = await check.Set<ConversationEvent>().Where(e => e.ConversationId == id).OrderBy(e => e.OccurredAt).ToListAsync();
        var filed = Assert.Single(history, e => e.Kind == ConversationEventKind.Classified && e.FromValue == null);
        Assert.Equal(nameof(InboxBucket.HotResponses), filed.ToValue);
        var reopened = Assert.Single(history, e => e.Kind == ConversationEventKind.Reopened);
        Assert.Equal(("Done", "Open"), (reopened.FromValue, reopened.ToValue));
        Assert.Equal(ConversationStatus.Open, await check.Set<Conversation>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task An_opt_out_suppresses_the_number_for_the_receiving_numbers_team_at_once()
    {
        var from = "+1646867" + Random.Shared.Next(1000, 9999);
        var form = Inbound(NewSid(), from, SeededNumber, "STOP");

        var response = await PostAsync(form, TwilioSignature.Compute(await SimulatorKeyAsync(), Url, form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = SystemContext();
        var team = await db.Set<SendingNumber>().Where(n => n.Number == SeededNumber).Select(n => n.TeamId).SingleAsync();
        var entry = await db.Set<SuppressionEntry>().SingleAsync(s => s.Value == from);
        Assert.Equal(team, entry.TeamId);
        Assert.Equal(SuppressionReason.OptOutKeyword, entry.Reason);
        Assert.Equal("STOP", entry.Evidence);
        Assert.True((await db.Set<Prospect>().SingleAsync(p => p.Phone == from)).DoNotContact);
    }

    [Fact]
    public async Task HELP_is_answered_with_the_teams_help_text_through_the_queue()
    {
        var from = "+1737867" + Random.Shared.Next(1000, 9999);
        var form = Inbound(NewSid(), from, SeededNumber, "help");

        var response = await PostAsync(form, TwilioSignature.Compute(await SimulatorKeyAsync(), Url, form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = SystemContext();
        var answer = await db.Set<Message>().SingleAsync(m => m.To == from && m.Direction == MessageDirection.Outbound);
        Assert.Equal(MessageSource.System, answer.Source);
        Assert.Contains("STOP", answer.Body);
        Assert.DoesNotContain("{{", answer.Body);
    }

    [Fact]
    public async Task A_reply_to_another_teams_number_lands_in_that_team_only()
    {
        await using var db = SystemContext();
        var other = Team.Create($"Other {Guid.NewGuid():N}", "America/Chicago", TimeProvider.System);
        var otherNumber = "+1773" + Random.Shared.Next(2000000, 9999999);
        db.Add(other);
        db.Add(SendingNumber.Register(other.Id, otherNumber, SmsProviderNames.Simulator, null, TimeProvider.System));
        await db.SaveChangesAsync();
        var sid = NewSid();
        var form = Inbound(sid, "+13128671234", otherNumber, "who is this?");

        var response = await PostAsync(form, TwilioSignature.Compute(await SimulatorKeyAsync(), Url, form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await db.Set<Message>().SingleAsync(m => m.ProviderMessageId == sid);
        Assert.Equal(other.Id, message.TeamId);
        var seededTeam = await db.Set<SendingNumber>().Where(n => n.Number == SeededNumber).Select(n => n.TeamId).SingleAsync();
        await using var seeded = TeamContext(seededTeam);
        Assert.False(await seeded.Set<Message>().AnyAsync(m => m.ProviderMessageId == sid));
        Assert.False(await seeded.Set<Message>().IgnoreQueryFilters().AnyAsync(m => m.ProviderMessageId == sid));
    }

    [Fact]
    public async Task A_late_sent_callback_never_overwrites_delivered()
    {
        var (sid, messageId) = await OutboundMessageAsync();
        var statusUrl = "http://localhost/webhooks/twilio/status";

        foreach (var status in new[] { "delivered", "sent", "queued" })
        {
            var form = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = status, ["From"] = SeededNumber, ["To"] = "+12128675309" };
            var response = await PostAsync(form, TwilioSignature.Compute(await SimulatorKeyAsync(), statusUrl, form), statusUrl);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await using var db = SystemContext();
        var message = await db.Set<Message>().SingleAsync(m => m.Id == messageId);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.NotNull(message.DeliveredAt);
    }

    [Fact]
    public async Task A_flood_from_one_source_is_answered_429_beyond_the_limit()
    {
        // 200 requests per second per source by default; 500 at once cannot all fit in two windows.
        var form = Inbound(NewSid(), "+12128675309", SeededNumber, "flood");
        await PostAsync(form, "bm90IGEgc2lnbmF0dXJl"); // the number's route and key are then cached, as in steady traffic
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => PostAsync(form, "bm90IGEgc2lnbmF0dXJl")));
        // The next test must not start inside this test's window.
        await Task.Delay(TimeSpan.FromMilliseconds(1100));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Forbidden);
        Assert.DoesNotContain(responses, r => r.IsSuccessStatusCode);
    }

    private async Task<(string Sid, Guid MessageId)> OutboundMessageAsync()
    {
        var sid = NewSid();
        var messageId = Guid.NewGuid();
        await using var db = SystemContext();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH number AS (SELECT id, team_id FROM sending_numbers WHERE number = {SeededNumber}),
            prospect AS (
                INSERT INTO prospects (id, team_id, phone, tags, custom_fields, status, engagement_score, do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
                SELECT gen_random_uuid(), team_id, '+1415' || {Random.Shared.Next(2000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture)}, ARRAY[]::text[], jsonb_build_object(), 'New', 0, false, false, false, now(), now() FROM number
                RETURNING id, team_id, phone
            ),
            conversation AS (
                INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
                SELECT gen_random_uuid(), p.team_id, p.id, n.id, p.phone, 'Open', 'Other', 'Cold', 0, now() FROM prospect p, number n
                RETURNING id, team_id, prospect_phone
            )
            INSERT INTO messages (id, team_id, conversation_id, direction, body, "from", "to", status, provider, provider_message_id, segments, attempts, created_at)
            SELECT {messageId}, c.team_id, c.id, 'Outbound', 'Hello', {SeededNumber}, c.prospect_phone, 'Sent', 'simulator', {sid}, 1, 1, now()
            FROM conversation c
            """);
        return (sid, messageId);
    }

    private static Dictionary<string, string> Inbound(string sid, string from, string to, string body) => new()
    {
        ["MessageSid"] = sid,
        ["SmsSid"] = sid,
        ["AccountSid"] = "ACsimulator",
        ["From"] = from,
        ["To"] = to,
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
    };

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form, string? signature, string url = Url)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.HeaderName, signature);
        }
        return await client.SendAsync(request);
    }

    private async Task<string> SimulatorKeyAsync() =>
        await factory.Services.GetRequiredService<WebhookSecrets>().SimulatorKeyAsync(CancellationToken.None);

    private async Task<int> CountMessagesAsync(string sid)
    {
        await using var db = SystemContext();
        return await db.Set<Message>().CountAsync(m => m.ProviderMessageId == sid);
    }

    private OutreachDbContext SystemContext() => factory.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();

    private OutreachDbContext TeamContext(Guid teamId)
    {
        var scope = new Infrastructure.Tenancy.TenantScope();
        scope.Set(teamId, null);
        return new TenantDbContextFactory(factory.Services.GetRequiredService<DbContextOptions<OutreachDbContext>>(), scope).CreateDbContext();
    }

    private static string NewSid() => "SM" + Guid.NewGuid().ToString("N");
}
