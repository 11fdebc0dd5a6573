namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// A kind of recipient who texts back, with how often they do relative to the others and what they say.
/// Templates may contain {first}, {last}, {email}, {phone} and {word}; each is filled with fake but plausible
/// data (Bogus, seeded), the same person throughout one reply.
/// </summary>
/// <param name="Name">Stable name, used as the configuration key under Personas.</param>
/// <param name="Weight">Relative share of replies; the weights need not add up to 1.</param>
/// <param name="Templates">What this persona says; one is picked at random for each reply.</param>
public sealed record SimulatorPersona(string Name, double Weight, IReadOnlyList<string> Templates)
{
    public const string OptOut = "OptOut";
    public const string Email = "Email";
    public const string CalledBack = "CalledBack";
    public const string Interested = "Interested";
    public const string Question = "Question";
    public const string NotInterested = "NotInterested";
    public const string ThankYou = "ThankYou";
    public const string WrongNumber = "WrongNumber";
    public const string Noise = "Noise";

    /// <summary>
    /// One persona for each category the inbox classifies, in the proportions cold business-owner outreach
    /// tends to see: opt-outs and refusals dominate, genuine interest is a minority, and a fair share of
    /// replies mean nothing at all. Opt-outs come in every spelling people use, because the classifier must
    /// catch them all.
    /// </summary>
    public static IReadOnlyList<SimulatorPersona> Defaults { get; } =
    [
        new(OptOut, 0.22, ["STOP", "stop", "Stop.", "UNSUBSCRIBE", "please remove me", "STOP!!", "Stop texting me", "remove me from your list"]),
        new(Email, 0.10, ["sure, send it to {email}", "my email is {email}", "{email}", "Send the details to {email} thanks", "email me at {email}, {first}"]),
        new(CalledBack, 0.06, ["called your line", "I called the number you listed, call me back", "Tried calling you. Call me back at {phone}", "left you a voicemail"]),
        new(Interested, 0.14, ["yes I'd consider selling", "maybe, what's it worth?", "Depends on the price", "Yes, interested. What are you offering?", "I might be. Call me"]),
        new(Question, 0.12, ["who is this?", "how did you get my number?", "What company is this?", "Who gave you this number?", "Is this a real person?"]),
        new(NotInterested, 0.16, ["not for sale", "no thanks", "Not interested", "No", "We're not selling, thanks"]),
        new(ThankYou, 0.05, ["thanks!", "Thank you", "ty", "Thanks, will keep it in mind"]),
        new(WrongNumber, 0.06, ["wrong number, I don't own a business", "Wrong number", "You have the wrong person, this is {first}'s phone", "I sold that business years ago"]),
        new(Noise, 0.09, ["k", "👍", "?", "ok", "{word}", "{word} {word}", "lol", "Sent from my iPhone"]),
    ];

    /// <summary>The defaults with weights replaced where <paramref name="weights"/> names a persona (in any case).</summary>
    internal static IReadOnlyList<SimulatorPersona> WithWeights(IEnumerable<KeyValuePair<string, double>> weights)
    {
        var overrides = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, weight) in weights)
        {
            overrides[name] = weight;
        }
        return Defaults.Select(p => overrides.TryGetValue(p.Name, out var weight) ? p with { Weight = weight } : p).ToList();
    }
}
