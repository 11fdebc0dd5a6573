namespace Outreach.Domain.Inbox;

/// <summary>
/// The keywords a new team starts with, drawn from how business owners actually answer cold texts. Written
/// the way people type them; matching ignores case, accents and apostrophes.
/// </summary>
internal static class DefaultKeywords
{
    // Spanish is the second language of US prospecting. Single words count only as the whole reply ("ALTO").
    public static IReadOnlyList<string> OptOut { get; } =
    [
        "ALTO", "PARAR", "CANCELAR", "no mas mensajes", "no más textos", "no me escriba", "no me escribas",
        "no me mande mensajes", "dejen de escribir", "deja de escribir", "no molestar",
    ];

    public static IReadOnlyList<string> CalledLine { get; } =
    [
        "called your line", "called your number", "called your office", "called you", "i called", "just called",
        "tried calling", "tried to call", "tried to reach you", "left a voicemail", "left you a voicemail",
        "left a vm", "left you a vm", "left a message", "left you a message", "left my number",
        "call me at", "call me back", "call me anytime", "call me tomorrow", "call me today", "call me now",
        "call me later", "call me after", "call me before", "call me when", "call me on", "call me on my cell",
        "please call", "give me a call", "give me a ring", "you can call me", "can reach me at", "reach me at",
        "my number is", "my cell is", "my cell number", "call my cell", "missed your call", "returned your call",
        "returning your call", "return my call", "call back", "best number",
    ];

    public static IReadOnlyList<string> Interested { get; } =
    [
        "interested", "yes please", "yes i am", "yes i would", "yes we would", "yes i do", "yes we are",
        "yes maam", "yes sir", "=sure", "sure thing", "sure why not", "for sure", "hell yes", "heck yes",
        "yes yes", "absolutely", "definitely", "of course", "lets talk", "lets chat",
        "lets do it", "happy to talk", "open to", "im open", "would consider", "might consider", "willing to",
        "maybe", "possibly", "potentially", "tell me more", "more info", "more information", "send me",
        "send it", "send info", "send details", "send over", "make me an offer", "make an offer", "make offer",
        "for the right price", "right price", "depends on the price", "depends on the offer",
        "thinking about selling", "thinking of selling", "looking to sell", "ready to sell", "want to sell",
        "like to sell", "considering selling", "considered selling", "set up a call", "schedule a call",
        "book a call", "available to talk", "free to talk", "sounds good", "sounds interesting", "im listening",
        "go ahead", "please do", "id consider", "we would consider", "depends", "help selling", "help me sell",
        "interesado", "interesada", "me interesa", "=si",
        // Asked to be called without a number or a time: an invitation, not a missed call. Negated ("don't call
        // me") it is an opt-out, which the classifier tries first. A hedge on its own ("I might be.") answers
        // "are you interested?"; inside a sentence "could be" is too vague ("could be a scam").
        "call me", "i might be", "=might be", "=could be", "=it could be", "=i could be",
    ];

    public static IReadOnlyList<string> NotInterested { get; } =
    [
        "not interested", "no longer interested", "not at all interested", "not very interested",
        "not that interested", "not too interested", "wouldnt be interested", "would not be interested",
        "no longer selling", "no interest", "no thanks", "no thank you", "no thx", "no ty", "not for sale",
        "not selling", "not looking to sell", "not looking", "not at this time", "not right now", "not now",
        "not currently", "not today", "not ready", "not a chance", "no way", "no deal", "never selling",
        "never sell", "will never sell", "not going to sell", "not gonna sell", "dont want to sell",
        "not in the market", "not planning", "no plans to sell", "im good", "we are good", "were good",
        "all good", "ill pass", "i pass", "well pass", "not for me", "dont bother", "go away",
        "lowball", "too low", "waste of time", "scam", "not even close", "hard pass", "no no", "but no",
        "maybe not", "probably not", "absolutely not", "definitely not", "of course not", "hell no", "heck no", "dont think so", "not really", "=no", "=nope", "=nah", "=never", "=pass",
        "=no sir", "=no maam", "=negative",
    ];

    public static IReadOnlyList<string> Question { get; } =
    [
        "who is this", "whos this", "who dis", "who are you", "who is it", "who r u", "what is this",
        "whats this", "what is this about", "what company", "which company", "what business", "how much",
        "how did you get", "where did you get", "what do you want", "what are you offering", "whats your offer",
        "what is your offer", "what price", "how does this work", "can you explain", "what do you mean",
        "is this legit", "is this real", "do i know you", "what kind of", "why are you", "quien es", "que es esto",
    ];

    public static IReadOnlyList<string> ThankYou { get; } =
    [
        "thanks", "thank you", "thank u", "thankyou", "thx", "thnx", "ty", "tysm", "appreciate it",
        "appreciate you", "appreciate that", "much appreciated", "many thanks", "gracias", "cheers",
    ];

    public static IReadOnlyList<string> WrongNumber { get; } =
    [
        "wrong number", "wrong person", "wrong guy", "wrong lady", "wrong business", "wrong name", "wrong owner",
        "wrong contact", "wrong phone", "got the wrong", "have the wrong", "no one by that name",
        "nobody by that name", "no one named", "nobody named", "no one here by", "not my name",
        "dont know who that is", "dont know who you", "dont know any", "never heard of", "i dont own",
        "dont own", "never owned", "not the owner", "not an owner", "no longer own", "no longer the owner",
        "doesnt live here", "doesnt work here", "no longer works", "new number",
        "already sold", "sold the business", "sold it", "sold that", "sold my business", "no such person",
        "wrong num", "wrong numbr", "=wrong", "numero equivocado",
    ];
}
