namespace Outreach.Bench.Messaging.Inbound;

/// <summary>
/// Replies as business owners type them to a cold text: mostly short, misspelt, some in Spanish, a few
/// pictures with no text. The mix leans the way prospecting campaigns report it (opt-outs and refusals first).
/// </summary>
public sealed class ReplyWriter(Random random)
{
    private static readonly (ReplyIntent Intent, int Weight, string[] Texts)[] Mix =
    [
        (ReplyIntent.OptOut, 22,
        [
            "STOP", "Stop", "stop", "STOP!!", "Unsubscribe", "stop texting me", "Please remove me from your list",
            "Remove me", "take me off your list", "Do not text this number again", "stopp", "STOP. Wrong person anyway",
            "ALTO", "no me escriba mas", "Quit texting me", "cancel", "Lose this number",
        ]),
        (ReplyIntent.NotInterested, 20,
        [
            "Not interested", "No thanks", "no thank you", "Not for sale", "Not selling", "Not at this time",
            "We're good, thanks", "nope", "No", "not looking to sell right now", "Hard pass", "I'm good",
            "Never selling, it's a family business", "Not right now, maybe next year", "Too low. Not interested.",
            "Absolutely not", "no no no",
        ]),
        (ReplyIntent.Question, 15,
        [
            "Who is this?", "Who dis", "What company is this?", "How did you get my number?", "What is this about?",
            "How much are we talking?", "Is this legit?", "what kind of offer?", "Which business do you mean?",
            "Where did you get my info?", "Quien es?", "Do I know you?", "How does this work?",
        ]),
        (ReplyIntent.Interested, 12,
        [
            "Yes, I'd consider it for the right price", "Maybe. Tell me more", "Interested", "Sure, let's talk",
            "What's your offer? I might consider", "Send me more info", "I'm open to it", "Depends on the price",
            "Thinking about selling next year actually", "Yes please send details", "Sounds interesting",
            "Me interesa", "Possibly, we have been thinking about it",
        ]),
        (ReplyIntent.WrongNumber, 8,
        [
            "Wrong number", "You have the wrong person", "I don't own a business", "Never heard of that company",
            "No one by that name here", "wrong # sorry", "I sold that business 3 years ago, not the owner anymore",
            "not my name", "This is a personal cell, wrong number",
        ]),
        (ReplyIntent.EmailCaptured, 6,
        [
            "Email me at {email}", "{email}", "You can reach me at {email}", "send it to {email} please",
            "my email is {email}", "Send details to {email}, thanks",
        ]),
        (ReplyIntent.CalledLine, 4,
        [
            "Call me at {phone}", "Just called you, call me back", "I left you a voicemail", "Call me tomorrow after 3",
            "Tried calling, no answer. My cell is {phone}", "Give me a call this afternoon",
        ]),
        (ReplyIntent.ThankYou, 5,
        [
            "Thanks", "thank you", "Thx", "appreciate it", "Thanks for reaching out", "gracias", "ty",
        ]),
        (ReplyIntent.Noise, 8,
        [
            "ok", "k", "👍", "lol", "??", "Hmm", ".", "🙄", "Got it", "Busy", "On a job site",
            "This is Mike", "Later", "sent from my iPhone", "", "",
        ]),
    ];

    private static readonly int TotalWeight = Mix.Sum(m => m.Weight);

    private static readonly string[] FirstNames = ["mike", "sarah", "dave", "jen", "carlos", "maria", "tom", "lisa", "raj", "kim", "bob", "ana"];
    private static readonly string[] Domains = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "comcast.net"];

    /// <summary>A reply from <paramref name="sender"/>: its e-mail address is its own, so two senders never claim the same one.</summary>
    public (ReplyIntent Intent, string Body, int NumMedia) Next(int senderIndex, string senderPhone)
    {
        var pick = random.Next(TotalWeight);
        foreach (var (intent, weight, texts) in Mix)
        {
            if (pick >= weight)
            {
                pick -= weight;
                continue;
            }
            var text = texts[random.Next(texts.Length)];
            if (text.Length == 0)
            {
                // A picture with no words, as MMS arrives.
                return (intent, text, 1);
            }
            text = text
                .Replace("{email}", EmailOf(senderIndex), StringComparison.Ordinal)
                .Replace("{phone}", FormatLocal(senderPhone), StringComparison.Ordinal);
            return (intent, text, 0);
        }
        throw new InvalidOperationException("The weights do not add up.");
    }

    private static string EmailOf(int senderIndex) =>
        $"{FirstNames[senderIndex % FirstNames.Length]}.{senderIndex}@{Domains[senderIndex % Domains.Length]}";

    private static string FormatLocal(string e164) => $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}";
}
