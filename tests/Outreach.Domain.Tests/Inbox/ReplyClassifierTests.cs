using Outreach.Domain.Inbox;

namespace Outreach.Domain.Tests.Inbox;

public class ReplyClassifierTests
{
    private static readonly ClassificationProfile Profile = ClassificationProfile.Default;

    [Theory]
    [MemberData(nameof(ReplyCorpus.CarrierOptOuts), MemberType = typeof(ReplyCorpus))]
    public void A_carrier_keyword_as_the_whole_message_is_a_certain_opt_out(string body)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(ReplyKind.OptOut, result.Kind);
        Assert.Equal(100, result.Confidence);
        Assert.Contains(result.MatchedKeyword, CarrierKeywords.OptOut);
    }

    [Theory]
    [MemberData(nameof(ReplyCorpus.KeywordOptOutsWithOtherWords), MemberType = typeof(ReplyCorpus))]
    public void A_carrier_keyword_with_filler_words_or_as_its_own_sentence_is_an_opt_out(string body)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(ReplyKind.OptOut, result.Kind);
        Assert.InRange(result.Confidence, 85, 95);
    }

    [Theory]
    [MemberData(nameof(ReplyCorpus.PhraseOptOuts), MemberType = typeof(ReplyCorpus))]
    public void A_plain_language_request_to_stop_is_an_opt_out_with_slightly_lower_confidence(string body)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(ReplyKind.OptOut, result.Kind);
        Assert.InRange(result.Confidence, 85, 95);
        Assert.NotNull(result.MatchedKeyword);
    }

    [Theory]
    [MemberData(nameof(ReplyCorpus.MisspelledOptOuts), MemberType = typeof(ReplyCorpus))]
    public void An_unmistakable_misspelling_of_a_carrier_keyword_is_honoured_with_low_confidence(string body)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(ReplyKind.OptOut, result.Kind);
        Assert.Equal(75, result.Confidence);
        Assert.Contains(result.MatchedKeyword, CarrierKeywords.OptOut);
    }

    [Theory]
    [MemberData(nameof(ReplyCorpus.SpanishOptOuts), MemberType = typeof(ReplyCorpus))]
    public void Spanish_opt_outs_configured_in_the_default_profile_are_opt_outs(string body)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(ReplyKind.OptOut, result.Kind);
        Assert.InRange(result.Confidence, 85, 95);
    }

    [Theory]
    [MemberData(nameof(ReplyCorpus.OptIns), MemberType = typeof(ReplyCorpus))]
    public void Start_unstop_and_a_bare_yes_opt_back_in(string body) =>
        Assert.Equal(ReplyKind.OptIn, ReplyClassifier.Classify(body, Profile).Kind);

    [Theory]
    [MemberData(nameof(ReplyCorpus.HelpRequests), MemberType = typeof(ReplyCorpus))]
    public void Help_and_info_are_help_requests(string body) =>
        Assert.Equal(ReplyKind.HelpRequest, ReplyClassifier.Classify(body, Profile).Kind);

    [Theory]
    [MemberData(nameof(ReplyCorpus.EmailCaptures), MemberType = typeof(ReplyCorpus))]
    public void An_email_address_is_captured_lower_cased(string body, string email)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(ReplyKind.EmailCaptured, result.Kind);
        Assert.Equal(email, result.ExtractedEmail);
    }

    [Theory]
    [MemberData(nameof(ReplyCorpus.CalledLine), MemberType = typeof(ReplyCorpus))]
    public void A_call_or_a_request_for_one_is_a_called_line_reply(string body) =>
        AssertKind(ReplyKind.CalledLine, body);

    [Theory]
    [MemberData(nameof(ReplyCorpus.Interested), MemberType = typeof(ReplyCorpus))]
    public void Interest_is_recognised(string body) => AssertKind(ReplyKind.Interested, body);

    [Theory]
    [MemberData(nameof(ReplyCorpus.NotInterested), MemberType = typeof(ReplyCorpus))]
    public void A_refusal_is_not_interested(string body) => AssertKind(ReplyKind.NotInterested, body);

    [Theory]
    [MemberData(nameof(ReplyCorpus.Questions), MemberType = typeof(ReplyCorpus))]
    public void A_question_is_recognised_with_or_without_a_question_mark(string body) =>
        AssertKind(ReplyKind.Question, body);

    [Theory]
    [MemberData(nameof(ReplyCorpus.ThankYous), MemberType = typeof(ReplyCorpus))]
    public void Thanks_alone_is_a_thank_you(string body) => AssertKind(ReplyKind.ThankYou, body);

    [Theory]
    [MemberData(nameof(ReplyCorpus.WrongNumbers), MemberType = typeof(ReplyCorpus))]
    public void A_wrong_number_is_recognised(string body) => AssertKind(ReplyKind.WrongNumber, body);

    [Theory]
    [MemberData(nameof(ReplyCorpus.Others), MemberType = typeof(ReplyCorpus))]
    public void Anything_else_including_near_misses_is_other(string body) => AssertKind(ReplyKind.Other, body);

    [Theory]
    [MemberData(nameof(ReplyCorpus.All), MemberType = typeof(ReplyCorpus))]
    public void Priority_bucket_and_score_always_follow_from_the_kind(string body, ReplyKind kind)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(kind, result.Kind);
        Assert.Equal(kind.ToPriority(), result.Priority);
        Assert.Equal(kind.ToBucket(), result.Bucket);
        Assert.Equal(kind.ToScoreChange(), result.ScoreChange);
        Assert.InRange(result.Confidence, 1, 100);
        Assert.Equal(kind == ReplyKind.EmailCaptured, result.ExtractedEmail is not null);
    }

    [Theory]
    [InlineData(ReplyKind.EmailCaptured, LeadPriority.Hot, InboxBucket.EmailCaptures, 50, false)]
    [InlineData(ReplyKind.CalledLine, LeadPriority.Hot, InboxBucket.HotResponses, 100, false)]
    [InlineData(ReplyKind.Interested, LeadPriority.Hot, InboxBucket.HotResponses, 25, false)]
    [InlineData(ReplyKind.Question, LeadPriority.Warm, InboxBucket.HotResponses, 0, false)]
    [InlineData(ReplyKind.NotInterested, LeadPriority.Cold, InboxBucket.Objections, -50, false)]
    [InlineData(ReplyKind.WrongNumber, LeadPriority.Cold, InboxBucket.Objections, 0, false)]
    [InlineData(ReplyKind.OptOut, LeadPriority.Cold, InboxBucket.DoNotContact, 0, true)]
    [InlineData(ReplyKind.OptIn, LeadPriority.Warm, InboxBucket.Other, 0, false)]
    [InlineData(ReplyKind.HelpRequest, LeadPriority.Warm, InboxBucket.Other, 0, false)]
    [InlineData(ReplyKind.ThankYou, LeadPriority.Warm, InboxBucket.Other, 0, false)]
    [InlineData(ReplyKind.Other, LeadPriority.Cold, InboxBucket.Other, 0, false)]
    public void Each_kind_has_its_priority_bucket_and_score_change(
        ReplyKind kind, LeadPriority priority, InboxBucket bucket, int delta, bool reset)
    {
        var classification = ReplyClassification.Create(kind, 80);

        Assert.Equal(priority, classification.Priority);
        Assert.Equal(bucket, classification.Bucket);
        Assert.Equal(new ScoreChange(delta, reset), classification.ScoreChange);
    }

    [Fact]
    public void Every_kind_is_covered_by_the_corpus()
    {
        var covered = ReplyCorpus.All.Select(row => (ReplyKind)row[1]).ToHashSet();

        Assert.Equal(Enum.GetValues<ReplyKind>().ToHashSet(), covered);
        Assert.True(ReplyCorpus.All.Count() >= 400, $"The corpus has {ReplyCorpus.All.Count()} replies.");
    }

    [Theory]
    [InlineData("STOP", 100)]
    [InlineData("Stop please", 95)]
    [InlineData("Stop texting me", 95)]
    [InlineData("Not interested. STOP", 90)]
    [InlineData("Take me off your list", 90)]
    [InlineData("Not interested stop", 85)]
    [InlineData("stpo", 75)]
    public void Opt_out_confidence_reflects_how_unmistakable_the_request_is(string body, int confidence) =>
        Assert.Equal(confidence, ReplyClassifier.Classify(body, Profile).Confidence);

    [Theory]
    [InlineData("STOP 🛑", "STOP")]
    [InlineData("Please remove me from your list", "remove me")]
    [InlineData("alto", "ALTO")]
    [InlineData("Unsubcribe", "UNSUBSCRIBE")]
    [InlineData("No thanks", "no thanks")]
    [InlineData("I called your line yesterday", "called your line")]
    [InlineData("Who is this?", "who is this")]
    [InlineData("Is this real???", "is this real")]
    [InlineData("Which one?", "?")]
    [InlineData("No.", "no")]
    public void The_result_names_the_keyword_that_decided(string body, string keyword) =>
        Assert.Equal(keyword, ReplyClassifier.Classify(body, Profile).MatchedKeyword);

    [Fact]
    public void Not_interested_beats_thank_you() =>
        AssertKind(ReplyKind.NotInterested, "thanks but no thanks");

    [Fact]
    public void An_opt_out_beats_everything_else_in_the_same_reply() =>
        AssertKind(ReplyKind.OptOut, "Interested? No. Email bob@acme.com and stop texting me");

    [Fact]
    public void A_hedged_yes_with_a_request_to_call_is_a_hot_interested_lead_not_other()
    {
        var result = ReplyClassifier.Classify("I might be. Call me", Profile);

        Assert.Equal((ReplyKind.Interested, LeadPriority.Hot, InboxBucket.HotResponses), (result.Kind, result.Priority, result.Bucket));
        Assert.True(result.Confidence >= 80, $"confidence {result.Confidence}");
    }

    [Theory]
    [InlineData("Don't call me")]
    [InlineData("dont call me")]
    [InlineData("Do not call me again")]
    [InlineData("Please don't call me, I'm not interested")]
    [InlineData("Never call me")]
    public void Asking_not_to_be_called_is_an_opt_out_never_interest(string body) =>
        AssertKind(ReplyKind.OptOut, body);

    [Fact]
    public void A_captured_email_beats_a_request_to_call() =>
        AssertKind(ReplyKind.EmailCaptured, "Call me at 555-0100 or email bob@acme.com");

    [Fact]
    public void A_keyword_that_is_the_whole_reply_is_more_certain_than_one_inside_a_sentence()
    {
        var whole = ReplyClassifier.Classify("Not interested!", Profile);
        var inside = ReplyClassifier.Classify("Honestly I'm not interested in any offer right now", Profile);

        Assert.Equal(ReplyKind.NotInterested, inside.Kind);
        Assert.True(whole.Confidence > inside.Confidence);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void An_empty_reply_is_other_and_extracts_nothing(string? body)
    {
        var result = ReplyClassifier.Classify(body, Profile);

        Assert.Equal(ReplyKind.Other, result.Kind);
        Assert.Null(result.MatchedKeyword);
        Assert.Null(result.ExtractedEmail);
    }

    [Fact]
    public void A_very_long_reply_is_classified_like_a_short_one()
    {
        var body = string.Concat(Enumerable.Repeat("We run a family bakery downtown and business is fine. ", 60)) + "Not interested.";

        AssertKind(ReplyKind.NotInterested, body);
    }

    [Fact]
    public void Configured_single_word_opt_outs_count_only_as_the_whole_reply_or_a_sentence()
    {
        var profile = new ClassificationProfile { OptOutPhrases = ["ARRET", "laissez moi tranquille"] };

        Assert.Equal(ReplyKind.OptOut, ReplyClassifier.Classify("Arrêt!", profile).Kind);
        Assert.Equal(ReplyKind.OptOut, ReplyClassifier.Classify("Non merci. ARRET", profile).Kind);
        Assert.Equal(ReplyKind.OptOut, ReplyClassifier.Classify("SVP laissez-moi tranquille", profile).Kind);
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify("Le bus a fait un arret", profile).Kind);
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify("ALTO", profile).Kind);
    }

    [Fact]
    public void Carrier_keywords_cannot_be_configured_away()
    {
        var profile = new ClassificationProfile { OptOutPhrases = [], InterestedKeywords = ["stop"] };

        Assert.Equal(ReplyKind.OptOut, ReplyClassifier.Classify("STOP", profile).Kind);
        Assert.Equal(ReplyKind.OptOut, ReplyClassifier.Classify("Stop texting me", profile).Kind);
    }

    [Fact]
    public void Configured_keywords_replace_the_defaults_for_their_kind()
    {
        var profile = new ClassificationProfile { InterestedKeywords = ["count me in"], NotInterestedKeywords = ["=nein"] };

        Assert.Equal(ReplyKind.Interested, ReplyClassifier.Classify("Count me in!", profile).Kind);
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify("I'm interested", profile).Kind);
        Assert.Equal(ReplyKind.NotInterested, ReplyClassifier.Classify("Nein.", profile).Kind);
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify("nein danke, aber vielleicht", profile).Kind);
    }

    [Fact]
    public void A_profile_is_compiled_once_and_reused() =>
        Assert.Same(Profile.Compiled, Profile.Compiled);

    [Fact]
    public void Classification_takes_microseconds()
    {
        var replies = ReplyCorpus.All.Select(row => (string)row[0]).ToArray();
        foreach (var reply in replies)
        {
            ReplyClassifier.Classify(reply, Profile);
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        const int rounds = 20;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var reply in replies)
            {
                ReplyClassifier.Classify(reply, Profile);
            }
        }
        stopwatch.Stop();

        // Generous so that a loaded build machine cannot fail it; a regression to regex construction or
        // per-call compilation of the profile costs far more than this.
        var perReply = stopwatch.Elapsed / (rounds * replies.Length);
        Assert.True(perReply < TimeSpan.FromMilliseconds(0.5), $"{perReply.TotalMicroseconds:F1} µs per reply");
    }

    private static void AssertKind(ReplyKind expected, string body)
    {
        var result = ReplyClassifier.Classify(body, Profile);
        Assert.True(expected == result.Kind, $"\"{body}\": expected {expected}, got {result.Kind} ({result.MatchedKeyword}, {result.Confidence})");
    }
}
