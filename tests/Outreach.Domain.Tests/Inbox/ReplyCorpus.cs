using Outreach.Domain.Inbox;

namespace Outreach.Domain.Tests.Inbox;

/// <summary>
/// Real-world shaped SMS replies from business owners to cold outreach, grouped by the kind the default profile
/// must give them. Misspellings, emoji, stray whitespace and shouting are deliberate.
/// </summary>
public static class ReplyCorpus
{
    /// <summary>Carrier keywords as the whole message: confidence 100.</summary>
    public static TheoryData<string> CarrierOptOuts =>
    [
        "STOP", "stop", "Stop", "StOp", "sTOP", "Stop.", " stop ", "STOP!!!", "stop!", "Stop!!", "STOP 🛑",
        "🛑STOP🛑", "stop\n", "\tSTOP\t", "STOP.", "Stop?", "STOP???", "...stop...", "*STOP*", "\"STOP\"",
        "STOP 😡", "STOP 🙏", "stop 👋", "STOPALL", "stopall", "StopAll", "UNSUBSCRIBE", "Unsubscribe",
        "unsubscribe.", "unsubscribe!", "CANCEL", "cancel", "Cancel.", "END", "end", "End.", "QUIT", "quit!",
        "Quit", "REVOKE", "revoke", "OPTOUT", "OptOut", "optout", "STOP\r\n",
    ];

    /// <summary>A carrier keyword with polite filler, or as a sentence of its own.</summary>
    public static TheoryData<string> KeywordOptOutsWithOtherWords =>
    [
        "Stop please", "STOP PLEASE!", "please stop", "Please STOP", "Stop it", "stop now", "STOP NOW!!!",
        "Stop thanks", "stop thank you", "Stop, thank you.", "Unsubscribe me", "unsubscribe me please",
        "Stop all", "STOP ALL", "cancel please", "ok stop", "Yes stop", "Stop. Thanks", "Stop sir", "stop pls",
        "Stop plz", "Stop already", "STOP IMMEDIATELY", "Stop again", "Quit it", "stop this", "Stop it now please",
        "Not interested. STOP", "STOP. Not interested.", "Wrong number. Stop", "Who is this? Stop",
        "Stop, who is this?", "No thanks. Unsubscribe", "Quit. I'm not selling", "Not selling. End",
        "I told you already. STOP!", "Please. Stop.", "Cancel. I sold the business",
        "Not interested stop", "wrong number stop", "No thanks stop", "please make it stop",
        "This is the 3rd text this week stop",
    ];

    /// <summary>Plain-language requests to stop: slightly less certain than a keyword.</summary>
    public static TheoryData<string> PhraseOptOuts =>
    [
        "Stop texting me", "Please stop texting me", "STOP TEXTING ME!!!", "stop messaging me",
        "Stop sending me these messages", "Please remove me from your list", "remove me", "Remove me please",
        "Remove my number", "Remove this number from your list", "Take me off your list",
        "take me off your list please", "Take me off ur list", "Do not contact me again", "Do not text me",
        "Don't text me again", "dont contact me", "Please unsubscribe me", "I want to opt out", "opt me out",
        "Opt-out", "opt out please", "No more texts please", "No more messages", "Leave me alone",
        "Lose my number", "Delete my number", "Put me on your do not call list", "This is harassment",
        "Stop harassing me", "I'm going to report you to the FCC", "Quit texting me", "STOP CONTACTING ME",
        "Stop calling me", "can you stop texting me?", "How did you get my number? Stop texting me",
        "Not interested, please remove me", "Never text this number again", "stop wasting my time",
        "Stop bugging me", "Please stop sending texts to this number", "I've asked you to stop texting me twice",
        "Wrong number, stop texting me", "Not interested and stop texting me", "Do not call me",
        "Don’t text me", "u need to stop texting me", "Remove", "Remove!", "delete", "Enough", "no more",
        "DNC", "Add me to your DNC list", "unsub", "Unsub pls", "Stop txting me", "quit messaging me",
        "Stop the texts", "Please take this number off your list", "don't call back", "I will sue you",
        // Revocation by any reasonable means (FCC 2024): the named words in a request to stop.
        "I revoke my consent", "I revoke consent to receive these texts", "Revoking consent", "I withdraw my consent",
        "I no longer consent to these messages", "I do not consent to being texted", "Cancel these texts",
        "please cancel me", "End these messages", "end the texts please", "Quit sending me these",
        // Canadian French.
        "ARRÊT", "Arrêt", "arrete", "Arrêtez", "FIN", "Arrêtez de m'écrire", "arrête de me texter",
        "Désabonnez-moi", "Je veux me désabonner", "Veuillez me désinscrire", "Retirez-moi de votre liste",
        "Retirez mon numéro svp", "Je ne veux plus recevoir vos messages", "Plus de messages svp",
        "Ne m'écrivez plus", "Ne me contactez plus", "Laissez-moi tranquille",
    ];

    /// <summary>Unmistakable misspellings of a carrier keyword: honoured, with low confidence.</summary>
    public static TheoryData<string> MisspelledOptOuts =>
    [
        "stpo", "Sotp", "tsop", "stopp", "STOPP", "sstop", "Stoop", "stooop", "STOPPPP", "unsubscibe",
        "Unsubcribe", "unsuscribe", "unsubscrib", "unsubscribed", "Unsubscrbe", "unsubscriibe", "Cancle",
        "cancell", "Qiut", "quitt", "stopal", "stoplal", "optuot", "revkoe", "Stpo please",
    ];

    /// <summary>Spanish opt-outs configured in the default profile.</summary>
    public static TheoryData<string> SpanishOptOuts =>
    [
        "ALTO", "Alto", "alto!", "Alto.", "PARAR", "Parar.", "parar", "No mas mensajes", "No más mensajes",
        "No más mensajes por favor", "no mas mensajes!!", "Alto por favor", "CANCELAR", "no me escriba",
        "Por favor no me escriba más", "No me escribas", "No molestar", "Ya no me mande mensajes",
    ];

    public static TheoryData<string> OptIns =>
    [
        "START", "Start", "start.", "UNSTOP", "unstop", "Unstop!", "YES", "Yes", "yes!", "Yes.", "YES 👍", "yes ",
    ];

    public static TheoryData<string> HelpRequests =>
    [
        "HELP", "help", "Help!", "INFO", "info", "Info?", "help please", "HELP me", "Info pls", "HELP???",
    ];

    /// <summary>The reply and the address that must be extracted from it.</summary>
    public static TheoryData<string, string> EmailCaptures => new()
    {
        { "my email is Bob.Smith@Gmail.com", "bob.smith@gmail.com" },
        { "bob@acme.com", "bob@acme.com" },
        { "Send it to JANE.DOE@YAHOO.COM.", "jane.doe@yahoo.com" },
        { "Email me at mike_r+deals@outlook.com thanks", "mike_r+deals@outlook.com" },
        { "Sure! sarah.jones@company.co.uk", "sarah.jones@company.co.uk" },
        { "you can reach me at tom@tomsplumbing.net", "tom@tomsplumbing.net" },
        { "<dave@dave-hvac.com>", "dave@dave-hvac.com" },
        { "mailto:ann@x-y.org", "ann@x-y.org" },
        { "Yes send the report to karen.w@karenscleaning.biz please", "karen.w@karenscleaning.biz" },
        { "Interested. Email: rjohnson@rjauto.com", "rjohnson@rjauto.com" },
        { "rick@rickslandscaping.com is best", "rick@rickslandscaping.com" },
        { "Not sure yet but send info to owner@bestpizza.co", "owner@bestpizza.co" },
        { "Use my work email - l.chen@chenaccounting.com.", "l.chen@chenaccounting.com" },
        { "Email (Pat@PatsDeli.com)", "pat@patsdeli.com" },
        { "email is john.doe123@aol.com, call after 5", "john.doe123@aol.com" },
        { "Not interested but my partner is, email him at partner@firm.com", "partner@firm.com" },
        { "john at gmail dot com", "john@gmail.com" },
        { "John.Smith at Gmail dot com", "john.smith@gmail.com" },
        { "bob (at) acme (dot) com", "bob@acme.com" },
        { "bob [at] acme [dot] net", "bob@acme.net" },
        { "lisa@gmail dot com", "lisa@gmail.com" },
        { "It's mike at yahoo.com", "mike@yahoo.com" },
        { "sandra (at) sandrasdesigns.com", "sandra@sandrasdesigns.com" },
        { "send it to greg at greg dot builders dot com", "greg@greg.builders.com" },
    };

    public static TheoryData<string> CalledLine =>
    [
        "I called your line yesterday", "I called you earlier", "Just called, no answer", "Left you a voicemail",
        "I left a voicemail this morning", "call me at 555-123-4567", "Call me back when you can",
        "Give me a call tomorrow", "Tried calling you twice", "You can reach me at 312 555 0199",
        "my cell is 555-0100", "Please call me after 5pm", "Returning your call", "I missed your call, who is this?",
        "Best number is 555 222 3333", "call back tomorrow", "Called your number but got voicemail",
        "I tried to call but it went to voicemail", "Left a message with your office", "Give me a ring",
        "Call me on my cell after lunch", "call me anytime", "Call me today if you can",
        "I just called the number, nobody picked up", "Please call", "please call me 214-555-0188",
        "Can you call me back? I'm interested", "You can call me tomorrow morning", "I called your office Monday",
        "my number is 555 867 5309",
    ];

    public static TheoryData<string> Interested =>
    [
        "yes I'm interested, call me", "Interested", "I'm interested", "Im interested", "interested!!",
        "Maybe, what's the offer?", "Yes please", "Sure, tell me more", "I might consider it for the right price",
        "Possibly. Depends on the price", "Make me an offer", "I've been thinking about selling actually",
        "Open to offers", "Let's talk", "Lets chat next week", "Send me more info", "Sounds interesting",
        "We would consider it", "Yes we are looking to sell", "Absolutely", "Definitely interested",
        "I can't stop thinking about selling", "Please don't stop texting me, I'm interested",
        "Could be interested depending on the numbers", "Yes I am the owner", "I need help selling my business",
        "what would you offer? I'd consider it", "Go ahead and send over the details", "Sure",
        "Sure thing", "Of course", "Possibly", "Maybe", "maybe next year", "Tell me more",
        "More info please", "More information please", "send info", "Ready to sell, what's next?",
        "I want to sell within the year", "We're considering selling in 2025", "Willing to listen",
        "Yes sir", "yes maam", "Sounds good", "I'm listening", "Schedule a call for Tuesday?",
        "Yes I would be interested in a valuation", "My wife and I have talked about selling, thinking about selling this year",
        "For the right price yes", "Depends what you're offering", "Im open to it", "possibly interested",
        "We are potentially interested", "happy to talk", "Interested, what's the next step",
        "I might be. Call me", "Call me", "call me!", "Ok call me", "Sure, call me", "Yes call me", "I might be",
        "I might be, what's the offer?", "Might be", "Could be", "It could be.", "Maybe. Call me",
    ];

    public static TheoryData<string> NotInterested =>
    [
        "not interested", "Not interested.", "NOT INTERESTED!!", "I'm not interested", "Not really interested",
        "no longer interested", "not for sale", "Not selling", "We are not selling", "no thanks", "No thank you",
        "thanks but no thanks", "Thanks, but not interested", "No", "No.", "NO!", "nope", "Nah", "No sir",
        "Never", "I'm good thanks", "We're good", "Not at this time", "Not a chance", "No way",
        "I will never sell", "Absolutely not", "Definitely not", "Not interested in selling, thanks",
        "Don't want to sell", "I don't want to sell", "Hard pass", "Pass", "Please don't bother", "I'll pass, thanks",
        "Maybe not", "I don't think so", "Not interested. Who is this?", "No, I'm not interested in selling my business",
        "Business is not for sale", "Not looking to sell at this time", "no thx", "Not right now", "not today",
        "Nope not selling", "Hell no", "no no no", "NOT FOR SALE!!!", "Not interested 👎",
        "I am not at all interested", "Not interested at this time, thank you", "Your offer is too low",
        "we're not in the market", "No plans to sell", "Not ready", "Probably not", "This is a scam",
        "Not even close", "Go away", "Of course not", "Not interested, I'm retiring in the business",
    ];

    public static TheoryData<string> Questions =>
    [
        "Who is this?", "Who is this", "who dis", "Who's this?", "who are you", "How much would you pay?",
        "how much", "What's this about?", "How did you get my number?", "What company are you with?",
        "Is this a real offer?", "??", "?", "What do you mean?", "Can you stop by Tuesday?", "Which business?",
        "Who gave you my number?", "Are you a broker?", "Is this about my business on Main St?",
        "What are you offering", "¿Quién es?", "Yes, who is this?", "What is this", "whats this",
        "Where did you get my info?", "Who do you work for?", "How does this work", "Do I know you?",
        "Is this legit", "What kind of business do you buy?", "Why are you texting me", "Huh?",
        "Who r u", "what price", "Can you explain", "Is this Mike from the chamber?", "What's your number?",
        // Questions come before wrong numbers in the classification order, so a doubtful "wrong number?"
        // lands with the questions an operator answers.
        "Wrong number?",
    ];

    public static TheoryData<string> ThankYous =>
    [
        "Thanks", "Thank you!", "thx", "ty", "Thanks!!", "ok thanks", "Thank you 🙏", "Appreciate it",
        "Much appreciated", "Thanks for reaching out", "Got it, thanks", "Gracias", "Thank u", "thanks for the info",
        "Thanks, I'll keep it in mind", "Thank you for the message", "Many thanks", "thnx", "tysm", "Cheers",
        "Appreciate you reaching out", "Thankyou", "OK thank you sir", "Thanks Mike",
    ];

    public static TheoryData<string> WrongNumbers =>
    [
        "wrong number", "Wrong number!", "You have the wrong number", "Wrong person", "No one by that name here",
        "I don't own that business", "I'm not the owner", "Never owned a business", "You've got the wrong guy",
        "I sold the business two years ago", "This is a new number", "Nobody named Mike here", "sorry wrong #",
        "Don't know who that is", "Never heard of it", "Numero equivocado", "I think you have the wrong person",
        "Wrong number lol", "You have the wrong contact", "I dont own any business", "Already sold it",
        "He doesn't work here anymore", "No longer the owner", "Sold it last year", "wrong business sorry",
    ];

    /// <summary>Replies that are none of the above, including near misses of every keyword.</summary>
    public static TheoryData<string> Others =>
    [
        "Ok", "👍", "k", "Hmm", "lol", "Call you later", "I'm driving", "On vacation until Monday",
        "Busy right now", "Sent from my iPhone", "Hello", "Hi", "Good morning", "Haha", "...", "123 Main St",
        "Stopping by later", "Cancel my appointment", "El precio es muy alto", "Don't stop", "Bus stop is out front",
        "I never called you", "bob@gmail", "@ the office all day", "Subscribe", "Step", "Shop", "Top",
        "Nonstop calls all day", "I quit my job last year", "Stop by my office anytime",
        "Check out our site at acme.com", "At the end of the day it's my wife's call", "Never stop hustling",
        "Please don't unsubscribe me", "I don't want to stop getting these", "Alto Saxophone lessons",
        "Who knows", "Start over", "Yes and no", "Later", "What", "Meet me at the office", "I'm at home.",
        "Sorry, in a meeting", "Ask my husband", "Texting from my work phone", "Hey", "Spot on",
        "Cancel my order from last week", "By the end of the month", "La fin de semaine", "C'est arrêté pour mardi",
    ];

    /// <summary>Every reply above with its expected kind, for properties that must hold across the whole corpus.</summary>
    public static TheoryData<string, ReplyKind> All
    {
        get
        {
            var all = new TheoryData<string, ReplyKind>();
            Add(all, CarrierOptOuts, ReplyKind.OptOut);
            Add(all, KeywordOptOutsWithOtherWords, ReplyKind.OptOut);
            Add(all, PhraseOptOuts, ReplyKind.OptOut);
            Add(all, MisspelledOptOuts, ReplyKind.OptOut);
            Add(all, SpanishOptOuts, ReplyKind.OptOut);
            Add(all, OptIns, ReplyKind.OptIn);
            Add(all, HelpRequests, ReplyKind.HelpRequest);
            foreach (var row in EmailCaptures)
            {
                all.Add((string)row[0], ReplyKind.EmailCaptured);
            }
            Add(all, CalledLine, ReplyKind.CalledLine);
            Add(all, Interested, ReplyKind.Interested);
            Add(all, NotInterested, ReplyKind.NotInterested);
            Add(all, Questions, ReplyKind.Question);
            Add(all, ThankYous, ReplyKind.ThankYou);
            Add(all, WrongNumbers, ReplyKind.WrongNumber);
            Add(all, Others, ReplyKind.Other);
            return all;
        }
    }

    private static void Add(TheoryData<string, ReplyKind> all, TheoryData<string> replies, ReplyKind kind)
    {
        foreach (var reply in replies)
        {
            all.Add(reply, kind);
        }
    }
}
