using Outreach.Domain.Inbox;

namespace Outreach.Domain.Tests.Inbox;

public class ReplyTextTests
{
    [Theory]
    [InlineData("STOP!!!", " stop ")]
    [InlineData("  Don't   STOP 🛑 ", " dont stop ")]
    [InlineData("Don’t", " dont ")]
    [InlineData("No más mensajes, señor", " no mas mensajes senor ")]
    [InlineData("opt-out", " opt out ")]
    [InlineData("🙂🙂", " ")]
    [InlineData("", " ")]
    public void A_reply_is_reduced_to_lower_case_words_without_accents_or_apostrophes(string raw, string padded) =>
        Assert.Equal(padded, ReplyText.Parse(raw).Padded);

    [Theory]
    [InlineData("don't stop texting", "stop texting", true)]
    [InlineData("I do not really want to stop texting", "stop texting", true)]
    [InlineData("not interested", "interested", true)]
    [InlineData("I am not at all interested", "interested", true)]
    [InlineData("definitely not", "definitely", true)]
    [InlineData("no longer interested", "interested", true)]
    [InlineData("I can't stop thinking about selling", "thinking about selling", false)]
    [InlineData("Not now. Interested later", "interested", false)]
    [InlineData("I'm not selling, stop texting me", "stop texting", false)]
    [InlineData("No, stop texting me", "stop texting", false)]
    public void Negation_looks_at_the_nearest_words_of_the_same_clause(string raw, string keyword, bool negated)
    {
        var text = ReplyText.Parse(raw);
        var padded = $" {keyword} ";

        Assert.Equal(negated, text.IsNegated(text.IndexOf(padded), padded));
    }

    [Theory]
    [InlineData("stop", "Exact")]
    [InlineData("ok stop please", "Reply")]
    [InlineData("Not interested. Stop!", "Clause")]
    [InlineData("Stop, who is this", "Clause")]
    [InlineData("not interested stop", "Edge")]
    [InlineData("stop by my office", "Phrase")]
    [InlineData("can't stop thinking", "Phrase")]
    public void A_match_knows_how_much_of_the_reply_it_covers(string raw, string scope)
    {
        var text = ReplyText.Parse(raw);

        // The scope travels as its name: test methods are public and the enum is internal.
        Assert.Equal(Enum.Parse<ReplyText.Scope>(scope), text.ScopeOf(text.IndexOf(" stop "), " stop "));
    }

    [Theory]
    [InlineData("stpo", "stop", true)]
    [InlineData("sotp", "stop", true)]
    [InlineData("stooop", "stop", true)]
    [InlineData("sstop", "stop", true)]
    [InlineData("unsubscibe", "unsubscribe", true)]
    [InlineData("unsubscribbe", "unsubscribe", true)]
    [InlineData("cancle", "cancel", true)]
    [InlineData("step", "stop", false)]
    [InlineData("shop", "stop", false)]
    [InlineData("spot", "stop", false)]
    [InlineData("top", "stop", false)]
    [InlineData("stops", "stop", false)]
    [InlineData("subscribe", "unsubscribe", false)]
    [InlineData("cancer", "cancel", false)]
    [InlineData("quiet", "quit", false)]
    [InlineData("quite", "quit", false)]
    public void Only_unmistakable_misspellings_count(string word, string keyword, bool misspelling) =>
        Assert.Equal(misspelling, OptOutRules.IsMisspelling(word, keyword));

    [Theory]
    [InlineData("bob@gmail")]
    [InlineData("a@b.c")]
    [InlineData("john..doe@acme.com")]
    [InlineData("@acme.com")]
    [InlineData("visit us at acme.com")]
    [InlineData("I'm at work dot com")]
    [InlineData("meet me at noon")]
    [InlineData("bob at acme dot xyzzy")]
    public void Things_that_only_look_like_addresses_are_not_captured(string raw) =>
        Assert.Null(EmailAddressFinder.Find(raw, ReplyText.Parse(raw)));
}
