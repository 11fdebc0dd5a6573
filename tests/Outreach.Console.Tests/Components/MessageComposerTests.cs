using Bunit;
using MudBlazor;
using Outreach.Console.Components;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Infrastructure.Messaging.Queue;

namespace Outreach.Console.Tests.Components;

public class MessageComposerTests : ComponentTestContext
{
    private static readonly Func<string, Task<QueueResult>> NeverSends = _ => throw new InvalidOperationException("Nothing should be sent.");

    [Theory]
    [InlineData("", "0 characters · 0 segments", SmsEncoding.Gsm7)]
    [InlineData("Hello", "5 characters · 1 segment", SmsEncoding.Gsm7)]
    [InlineData("Hi 😀", "5 characters · 1 segment", SmsEncoding.Ucs2)]
    [InlineData("Größe ç", "7 characters · 1 segment", SmsEncoding.Ucs2)]
    [InlineData("Café à 5€", "10 characters · 1 segment", SmsEncoding.Gsm7)]
    public void The_counter_shows_characters_segments_and_whether_the_message_is_unicode(string draft, string expected, SmsEncoding encoding)
    {
        var cut = Render<MessageComposer>(p => p.Add(c => c.Send, NeverSends).Add(c => c.InitialDraft, draft));

        var counter = cut.Find("[data-testid=segments]");
        Assert.StartsWith(expected, counter.TextContent.Trim());
        Assert.Equal(encoding.ToString(), counter.GetAttribute("data-encoding"));
        Assert.Equal(encoding == SmsEncoding.Ucs2, cut.FindAll("[data-testid=segments-unicode]").Count == 1);
    }

    [Theory]
    [InlineData(160, 'a', 1)]
    [InlineData(161, 'a', 2)]
    [InlineData(306, 'a', 2)]
    [InlineData(307, 'a', 3)]
    [InlineData(80, '€', 1)]  // 160 septets: each € costs two
    [InlineData(81, '€', 2)]
    [InlineData(70, 'ł', 1)]  // ł is outside the GSM alphabet: 70 per segment
    [InlineData(71, 'ł', 2)]
    public void Segments_follow_the_gsm_and_unicode_limits(int length, char character, int segments)
    {
        var draft = new string(character, length);

        var cut = Render<MessageComposer>(p => p.Add(c => c.Send, NeverSends).Add(c => c.InitialDraft, draft));

        var text = cut.Find("[data-testid=segments]").TextContent;
        Assert.Contains($"· {segments} segment{(segments == 1 ? "" : "s")}", text);
        Assert.Equal(SmsSegments.Measure(draft).Segments, segments);
    }

    [Fact]
    public void An_emoji_is_never_split_across_segments_so_the_count_is_the_domains_not_a_division()
    {
        // 134 UTF-16 units would be exactly two 67-unit parts, but the emoji with its skin tone cannot straddle the
        // boundary: it starts the second part, which then overflows into a third.
        var draft = new string('a', 65) + "👍🏽" + new string('a', 65);
        Assert.Equal(134, draft.Length);

        var cut = Render<MessageComposer>(p => p.Add(c => c.Send, NeverSends));
        cut.Find("textarea").Input(draft);

        Assert.Contains("134 characters · 3 segments", cut.Find("[data-testid=segments]").TextContent);
        Assert.Equal(3, SmsSegments.Measure(draft).Segments);
    }

    [Fact]
    public void The_counter_follows_what_the_operator_types_and_reports_the_draft()
    {
        string? reported = null;
        var cut = Render<MessageComposer>(p => p
            .Add(c => c.Send, NeverSends)
            .Add(c => c.DraftChanged, (string? d) => reported = d));

        cut.Find("textarea").Input("Call me");

        Assert.Contains("7 characters · 1 segment", cut.Find("[data-testid=segments]").TextContent);
        Assert.Equal("Call me", reported);
    }

    [Fact]
    public async Task Send_is_disabled_while_the_draft_is_empty_and_while_a_send_is_under_way()
    {
        var sending = new TaskCompletionSource<QueueResult>();
        var sent = new List<string>();
        var cut = Render<MessageComposer>(p => p.Add(c => c.Send, body => { sent.Add(body); return sending.Task; }));
        Assert.True(cut.Find("[data-testid=send]").HasAttribute("disabled"));

        cut.Find("textarea").Input("   ");
        Assert.True(cut.Find("[data-testid=send]").HasAttribute("disabled"));

        cut.Find("textarea").Input("Thanks, calling you now");
        Assert.False(cut.Find("[data-testid=send]").HasAttribute("disabled"));
        cut.Find("[data-testid=send]").Click();
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=send]").HasAttribute("disabled")));
        Assert.Contains("Sending", cut.Find("[data-testid=send]").TextContent);
        cut.Find("[data-testid=send]").Click();

        await cut.InvokeAsync(() => sending.SetResult(QueueResult.Queued(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow, GuardrailDecision.Allowed, false)));

        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("textarea").GetAttribute("value") ?? ""));
        Assert.Equal(["Thanks, calling you now"], sent);
        Assert.True(cut.Find("[data-testid=send]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=send-result]"));
    }

    [Fact]
    public void A_refused_send_says_why_and_keeps_the_draft()
    {
        var cut = Render<MessageComposer>(p => p
            .Add(c => c.Send, _ => Task.FromResult(QueueResult.Blocked(GuardrailDecision.Block(GuardrailReason.Suppressed, "The prospect is on the do-not-contact list."))))
            .Add(c => c.InitialDraft, "One last thing"));

        cut.Find("[data-testid=send]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Not sent: The prospect is on the do-not-contact list.", cut.Find("[data-testid=send-result]").TextContent));
        Assert.Equal("One last thing", cut.Find("textarea").GetAttribute("value"));
    }

    [Fact]
    public void A_deferred_send_says_when_it_will_go_in_the_teams_zone()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var at = new DateTimeOffset(2026, 12, 8, 15, 0, 0, TimeSpan.Zero);
        var cut = Render<MessageComposer>(p => p
            .Add(c => c.Send, _ => Task.FromResult(QueueResult.Queued(Guid.NewGuid(), Guid.NewGuid(), at,
                GuardrailDecision.Defer(GuardrailReason.QuietHours, "Quiet hours for the prospect.", at), false)))
            .Add(c => c.Zone, chicago)
            .Add(c => c.InitialDraft, "Good morning"));

        cut.Find("[data-testid=send]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Queued for 2026-12-08 09:00 America/Chicago", cut.Find("[data-testid=send-result]").TextContent));
    }

    [Theory]
    [InlineData("Hank", "Hi Hank, happy to talk numbers on a call.")]
    [InlineData(null, "Hi there, happy to talk numbers on a call.")]
    public void A_saved_reply_goes_into_the_box_rendered_for_the_prospect_and_nothing_is_sent(string? firstName, string expected)
    {
        var popovers = Render<MudPopoverProvider>();
        string? reported = null;
        var template = ReplyTemplate.Create(TestMember.TeamId, "Price question", "Hi {{firstName|there}}, happy to talk numbers on a call.", TimeProvider.System);
        var cut = Render<MessageComposer>(p => p
            .Add(c => c.Send, NeverSends)
            .Add(c => c.Templates, [template])
            .Add(c => c.Variables, new Dictionary<string, string?> { ["firstName"] = firstName })
            .Add(c => c.DraftChanged, (string? d) => reported = d));

        cut.Find("[data-testid=template-picker] button").Click();
        popovers.WaitForElement("[data-testid=template]").Click();

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("textarea").GetAttribute("value")));
        Assert.Equal(expected, reported);
        Assert.False(cut.Find("[data-testid=send]").HasAttribute("disabled"));
    }

    [Fact]
    public void Without_saved_replies_there_is_no_picker()
    {
        var cut = Render<MessageComposer>(p => p.Add(c => c.Send, NeverSends));

        Assert.Empty(cut.FindAll("[data-testid=template-picker]"));
        // The reply box itself carries the name and the test id: "r" focuses it and tests type into it.
        var box = cut.Find("[data-testid=compose]");
        Assert.Equal("TEXTAREA", box.TagName);
        Assert.Equal("Message", box.GetAttribute("aria-label"));
    }
}
