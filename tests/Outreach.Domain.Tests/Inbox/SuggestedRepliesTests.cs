using Outreach.Domain.Inbox;

namespace Outreach.Domain.Tests.Inbox;

public class SuggestedRepliesTests
{
    private static readonly ClassificationProfile Profile = ClassificationProfile.Default;

    private static readonly Dictionary<string, string?> Prospect = new() { ["FirstName"] = "Maria", ["teamName"] = "Acme Brokers" };

    [Fact]
    public void A_captured_email_suggests_sending_the_deliverable_to_that_address()
    {
        var classification = ReplyClassifier.Classify("my email is Maria@MariasCafe.com", Profile);

        var reply = Assert.Single(SuggestedReplies.For(classification, Profile, Prospect));

        Assert.Equal("Thanks, Maria! I'll send the valuation report to maria@mariascafe.com today.", reply.Text);
        Assert.Equal(classification.Confidence, reply.Confidence);
    }

    [Fact]
    public void Missing_variables_fall_back_to_the_template_defaults()
    {
        var classification = ReplyClassifier.Classify("I'm interested", Profile);

        var reply = Assert.Single(SuggestedReplies.For(classification, Profile, new Dictionary<string, string?>()));

        Assert.Equal("Great to hear, there! What's the best email to send your free valuation report to?", reply.Text);
    }

    [Fact]
    public void Variables_supplied_by_the_caller_win_over_the_profile()
    {
        var classification = ReplyClassifier.Classify("I'm interested", Profile);
        var variables = new Dictionary<string, string?>(Prospect) { ["Deliverable"] = "buyer list" };

        var reply = Assert.Single(SuggestedReplies.For(classification, Profile, variables));

        Assert.Contains("free buyer list", reply.Text);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("Stop texting me")]
    [InlineData("ALTO")]
    public void An_opt_out_never_gets_a_suggestion(string body)
    {
        var profile = new ClassificationProfile
        {
            ReplyTemplates = new Dictionary<ReplyKind, string> { [ReplyKind.OptOut] = "Sorry to see you go!" },
        };

        Assert.Empty(SuggestedReplies.For(ReplyClassifier.Classify(body, profile), profile, Prospect));
    }

    [Fact]
    public void Help_is_answered_with_the_help_text_for_certain()
    {
        var reply = Assert.Single(SuggestedReplies.For(ReplyClassifier.Classify("HELP", Profile), Profile, Prospect));

        Assert.Equal("Acme Brokers: reply here to reach a person. Reply STOP to opt out. Msg & data rates may apply.", reply.Text);
        Assert.Equal(100, reply.Confidence);
    }

    [Fact]
    public void A_kind_without_a_template_gets_no_suggestion() =>
        Assert.Empty(SuggestedReplies.For(ReplyClassifier.Classify("I'm driving", Profile), Profile, Prospect));

    [Fact]
    public void A_template_that_renders_to_nothing_is_not_suggested()
    {
        var profile = new ClassificationProfile
        {
            ReplyTemplates = new Dictionary<ReplyKind, string> { [ReplyKind.ThankYou] = "{{signature}}" },
        };

        Assert.Empty(SuggestedReplies.For(ReplyClassifier.Classify("Thanks", profile), profile, Prospect));
    }

    [Theory]
    [InlineData("Who is this?", ReplyKind.Question)]
    [InlineData("No thanks", ReplyKind.NotInterested)]
    [InlineData("Wrong number", ReplyKind.WrongNumber)]
    [InlineData("Thanks!", ReplyKind.ThankYou)]
    [InlineData("I called your line", ReplyKind.CalledLine)]
    [InlineData("START", ReplyKind.OptIn)]
    public void The_default_profile_suggests_a_reply_for_every_kind_worth_answering(string body, ReplyKind kind)
    {
        var classification = ReplyClassifier.Classify(body, Profile);

        var reply = Assert.Single(SuggestedReplies.For(classification, Profile, Prospect));

        Assert.Equal(kind, classification.Kind);
        Assert.DoesNotContain("{{", reply.Text);
    }
}
