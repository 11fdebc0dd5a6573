using System.Collections.Frozen;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// Mailbox providers whose domain says nothing about the owner's employer: "dana@gmail.com" does not make
/// gmail.com the bakery's website. Anything not listed is taken as the company's own domain.
/// </summary>
internal static class FreeMailDomains
{
    // Brands that run the same service under many country domains (yahoo.co.uk, hotmail.fr, gmx.de).
    private static readonly FrozenSet<string> Brands = FrozenSet.Create(StringComparer.Ordinal,
        "gmail", "googlemail", "yahoo", "ymail", "rocketmail", "hotmail", "outlook", "live", "windowslive",
        "aol", "icloud", "gmx", "yandex", "protonmail", "zoho", "libero", "wanadoo", "laposte", "btinternet",
        "virginmedia", "ntlworld", "sympatico", "bigpond", "optusnet", "naver", "hanmail", "rediffmail", "seznam",
        "t-online", "bluewin");

    // Whole domains: internet providers, privacy services, and brands that are common words ("mail", "web",
    // "free", "me"), which as a brand prefix would also catch companies' own hosts such as mail.xyz.io.
    private static readonly FrozenSet<string> Domains = FrozenSet.Create(StringComparer.Ordinal,
        "mail.com", "web.de", "free.fr", "orange.fr", "sky.com", "me.com", "mac.com", "msn.com", "aim.com",
        "wp.pl", "o2.pl", "qq.com", "163.com", "126.com", "shaw.ca", "rogers.com", "telus.net",
        "proton.me", "pm.me", "tutanota.com", "tuta.io", "fastmail.com", "fastmail.fm", "hey.com", "hushmail.com",
        "comcast.net", "xfinity.com", "att.net", "sbcglobal.net", "bellsouth.net", "pacbell.net", "ameritech.net",
        "verizon.net", "cox.net", "charter.net", "spectrum.net", "roadrunner.com", "rr.com", "twc.com",
        "earthlink.net", "juno.com", "netzero.net", "netzero.com", "optonline.net", "frontier.com",
        "frontiernet.net", "windstream.net", "centurylink.net", "embarqmail.com", "q.com", "mchsi.com",
        "suddenlink.net", "cableone.net", "prodigy.net", "usa.net", "inbox.com", "mail.ru",
        "email.com", "usa.com", "myself.com", "duck.com");

    /// <summary>True for a personal mailbox provider's domain (lower-case, as <c>EmailAddresses.Normalize</c> leaves it).</summary>
    public static bool Contains(string domain)
    {
        // Regional mailboxes sit under the provider's domain ("nc.rr.com", "mail.comcast.net").
        for (var parent = domain; parent.Contains('.'); parent = parent[(parent.IndexOf('.') + 1)..])
        {
            if (Domains.Contains(parent))
            {
                return true;
            }
        }
        // "yahoo.co.uk": a brand followed by a public suffix of one or two short labels. Requiring the suffix
        // to be short keeps "live.acmeplumbing.com" (a company's own subdomain) out.
        var dot = domain.IndexOf('.');
        if (dot <= 0 || !Brands.Contains(domain[..dot]))
        {
            return false;
        }
        var suffix = domain[(dot + 1)..].Split('.');
        return suffix.Length is 1 or 2 && suffix.All(label => label.Length is >= 2 and <= 3);
    }
}
