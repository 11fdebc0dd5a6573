using System.Text.Json;
using Outreach.Domain.Inbox;

namespace Outreach.Domain.Tests.Inbox;

public class ClassificationProfileTests
{
    [Fact]
    public void The_default_profile_is_valid()
    {
        var validation = ClassificationProfile.Default.Validate();

        Assert.True(validation.IsValid, string.Join(Environment.NewLine, validation.Errors));
    }

    [Fact]
    public void A_profile_survives_a_json_round_trip()
    {
        var profile = new ClassificationProfile
        {
            OptOutPhrases = ["ALTO", "no mas mensajes"],
            InterestedKeywords = ["count me in", "=yes please"],
            HelpText = "Acme Brokers: reply STOP to opt out.",
            Deliverables = new Dictionary<ReplyKind, string> { [ReplyKind.EmailCaptured] = "market report" },
            ReplyTemplates = new Dictionary<ReplyKind, string> { [ReplyKind.Interested] = "Hi {{firstName|there}}!" },
        };

        var json = JsonSerializer.Serialize(profile);
        var copy = JsonSerializer.Deserialize<ClassificationProfile>(json)!;

        Assert.Equal(profile.OptOutPhrases, copy.OptOutPhrases);
        Assert.Equal(profile.InterestedKeywords, copy.InterestedKeywords);
        Assert.Equal(profile.NotInterestedKeywords, copy.NotInterestedKeywords);
        Assert.Equal(profile.HelpText, copy.HelpText);
        Assert.Equal("market report", copy.Deliverables[ReplyKind.EmailCaptured]);
        Assert.Equal("Hi {{firstName|there}}!", copy.ReplyTemplates[ReplyKind.Interested]);
        Assert.Equal(json, JsonSerializer.Serialize(copy));
        Assert.Contains("\"EmailCaptured\":\"market report\"", json);
    }

    [Fact]
    public void Lists_missing_from_stored_json_keep_their_defaults()
    {
        // A profile saved before a keyword list existed must not lose that kind altogether.
        var copy = JsonSerializer.Deserialize<ClassificationProfile>("""{"InterestedKeywords":["count me in"]}""")!;

        Assert.Equal(["count me in"], copy.InterestedKeywords);
        Assert.Equal(ClassificationProfile.Default.WrongNumberKeywords, copy.WrongNumberKeywords);
        Assert.Equal(ClassificationProfile.Default.HelpText, copy.HelpText);
    }

    [Fact]
    public void Null_lists_in_stored_json_become_empty()
    {
        var copy = JsonSerializer.Deserialize<ClassificationProfile>("""{"OptOutPhrases":null,"ReplyTemplates":null}""")!;

        Assert.Empty(copy.OptOutPhrases);
        Assert.Empty(copy.ReplyTemplates);
    }

    [Fact]
    public void A_profile_copies_the_collections_it_is_given()
    {
        var keywords = new List<string> { "count me in" };
        var profile = new ClassificationProfile { InterestedKeywords = keywords };

        keywords.Add("sold");

        Assert.Equal(["count me in"], profile.InterestedKeywords);
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify("sold", profile).Kind);
    }

    [Theory]
    [InlineData("", "entry 2 is empty")]
    [InlineData("   ", "entry 2 is empty")]
    [InlineData("!!!", "has no letters or digits")]
    [InlineData("🙂", "has no letters or digits")]
    [InlineData("=", "has no letters or digits")]
    public void An_empty_keyword_is_rejected(string keyword, string error)
    {
        var validation = new ClassificationProfile { ThankYouKeywords = ["thanks", keyword] }.Validate();

        Assert.False(validation.IsValid);
        Assert.Contains(validation.Errors, e => e.StartsWith("Thank-you keywords") && e.Contains(error));
    }

    [Fact]
    public void An_overlong_keyword_is_rejected()
    {
        var validation = new ClassificationProfile { InterestedKeywords = [new string('a', ClassificationProfile.MaxKeywordLength + 1)] }.Validate();

        Assert.Contains(validation.Errors, e => e.Contains("the limit is 100"));
    }

    [Fact]
    public void Too_many_keywords_are_rejected()
    {
        var keywords = Enumerable.Range(0, ClassificationProfile.MaxKeywordsPerList + 1).Select(i => $"keyword {i}").ToArray();

        var validation = new ClassificationProfile { InterestedKeywords = keywords }.Validate();

        Assert.Contains(validation.Errors, e => e.StartsWith("Interested keywords") && e.Contains("entries"));
    }

    [Fact]
    public void A_keyword_listed_twice_is_reported_even_when_spelled_differently()
    {
        var validation = new ClassificationProfile { NotInterestedKeywords = ["Don't bother", "dont bother!"] }.Validate();

        Assert.Contains(validation.Errors, e => e.Contains("\"dont bother!\" is listed twice"));
    }

    [Fact]
    public void A_keyword_in_two_lists_is_reported_because_only_the_first_kind_would_ever_see_it()
    {
        var validation = new ClassificationProfile { OptOutPhrases = ["ALTO"], InterestedKeywords = ["alto"] }.Validate();

        Assert.Contains(validation.Errors, e => e == "Interested keywords: \"alto\" is also in Opt-out phrases.");
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("Acme Brokers. Msg & data rates may apply.", "how to opt out")]
    [InlineData("Acme: reply STOP to opt out {{teamName", "malformed")]
    public void The_help_reply_must_exist_and_explain_opting_out(string helpText, string error)
    {
        var validation = new ClassificationProfile { HelpText = helpText }.Validate();

        Assert.Contains(validation.Errors, e => e.Contains(error));
    }

    [Fact]
    public void An_overlong_help_reply_is_rejected()
    {
        var validation = new ClassificationProfile { HelpText = "Reply STOP to opt out. " + new string('x', 320) }.Validate();

        Assert.Contains(validation.Errors, e => e.Contains("HELP reply has"));
    }

    [Fact]
    public void Opt_outs_and_help_requests_cannot_have_reply_templates()
    {
        var validation = new ClassificationProfile
        {
            ReplyTemplates = new Dictionary<ReplyKind, string>
            {
                [ReplyKind.OptOut] = "Sorry to see you go! Reply START to come back.",
                [ReplyKind.HelpRequest] = "Call us.",
            },
        }.Validate();

        Assert.Contains("Opt-outs cannot have a suggested reply.", validation.Errors);
        Assert.Contains(validation.Errors, e => e.StartsWith("HELP requests are answered with the HELP reply"));
    }

    [Fact]
    public void Templates_and_deliverables_are_checked()
    {
        var validation = new ClassificationProfile
        {
            ReplyTemplates = new Dictionary<ReplyKind, string>
            {
                [ReplyKind.Interested] = " ",
                [ReplyKind.Question] = "Hi {{first name}}",
                [ReplyKind.ThankYou] = new string('x', ClassificationProfile.MaxTemplateLength + 1),
            },
            Deliverables = new Dictionary<ReplyKind, string> { [ReplyKind.EmailCaptured] = "" },
        }.Validate();

        Assert.Contains("The reply template for Interested is empty.", validation.Errors);
        Assert.Contains(validation.Errors, e => e.StartsWith("The reply template for Question has a malformed"));
        Assert.Contains(validation.Errors, e => e.StartsWith("The reply template for ThankYou has 1601 characters"));
        Assert.Contains("The deliverable for EmailCaptured is empty.", validation.Errors);
    }
}
