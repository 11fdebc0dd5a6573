using System.Collections.Frozen;

namespace Outreach.Domain.Prospects;

/// <summary>
/// Proposes which prospect field each column of an uploaded list holds, from its header. Headers are
/// compared by their letters and digits only, so "Company Name", "COMPANY_NAME" and "company-name"
/// are one header. The user confirms or corrects the proposal before anything is imported.
/// </summary>
public static class ColumnMapping
{
    // A column's field and, for phone columns, how strongly it should be the number we text:
    // texts only reach mobiles, so a mobile column outranks a generic one, which outranks an
    // alternate or a landline. A null field marks a header that must stay unmapped.
    private readonly record struct Match(ProspectField? Field, PhoneRank Rank = PhoneRank.NotPhone);

    private enum PhoneRank { Mobile, Main, Other, NotPhone }

    private static readonly FrozenDictionary<string, Match> Headers = BuildHeaders();

    // A header is often a known one behind a qualifier: "Contact Email", "Owner Cell", "Mailing City".
    private static readonly string[] Qualifiers =
    [
        "contact", "primary", "business", "company", "owner", "executive", "exec", "lead", "prospect", "main",
        "mailing", "physical", "location", "work", "office", "personal", "person", "customer", "client",
        "corporate", "direct", "key", "billing", "hq", "your",
    ];

    // Columns that look like a field but describe it instead ("Phone Type", "Email Opt Out").
    private static readonly string[] Descriptors =
    [
        "carrier", "type", "status", "optout", "optin", "dnc", "donotcall", "verified", "valid", "consent",
        "date", "count", "flag", "score", "source", "bounce", "unsub", "extension", "fax", "reassigned",
        "opened", "clicked",
    ];

    /// <summary>
    /// The field a header names, ignoring case, spacing and punctuation; null for headers that name no
    /// field or only resemble one ("Fax", "Account Owner", "Phone Type"). Mobile and main phone columns
    /// read as <see cref="ProspectField.Phone"/>, alternates ("Phone 2", "Home Phone") as
    /// <see cref="ProspectField.SecondaryPhone"/>.
    /// </summary>
    public static ProspectField? Recognise(string header)
    {
        var match = Find(header);
        return match?.Rank switch
        {
            null => null,
            PhoneRank.Mobile or PhoneRank.Main => ProspectField.Phone,
            PhoneRank.Other => ProspectField.SecondaryPhone,
            _ => match.Value.Field,
        };
    }

    /// <summary>
    /// One proposal per column; each field goes to the first column that claims it. Of the phone
    /// columns, the best (mobile before main before alternate, then left to right) becomes Phone and
    /// the next SecondaryPhone; further phone columns stay unmapped for the caller to keep as custom fields.
    /// </summary>
    public static IReadOnlyList<ProspectField?> Propose(IReadOnlyList<string> headers)
    {
        var proposal = new ProspectField?[headers.Count];
        var taken = new HashSet<ProspectField>();
        var phones = new List<(PhoneRank Rank, int Column)>();
        for (var column = 0; column < headers.Count; column++)
        {
            if (Find(headers[column]) is not { Field: { } field } match)
            {
                continue;
            }
            if (match.Rank != PhoneRank.NotPhone)
            {
                phones.Add((match.Rank, column));
            }
            else if (taken.Add(field))
            {
                proposal[column] = field;
            }
        }

        phones.Sort();
        if (phones.Count > 0)
        {
            proposal[phones[0].Column] = ProspectField.Phone;
        }
        if (phones.Count > 1)
        {
            proposal[phones[1].Column] = ProspectField.SecondaryPhone;
        }
        return proposal;
    }

    private static Match? Find(string? header)
    {
        var key = Key(header);
        if (key.Length == 0)
        {
            return null;
        }
        if (Lookup(key) is { } exact)
        {
            return exact.Field is null ? null : exact;
        }
        foreach (var qualifier in Qualifiers)
        {
            // "Location Name" or "Customer Name" may name a business or a person: better unmapped than wrong.
            if (key.Length > qualifier.Length && key.StartsWith(qualifier, StringComparison.Ordinal)
                && key.AsSpan(qualifier.Length) is var rest && !rest.SequenceEqual("name")
                && Lookup(rest.ToString()) is { } qualified)
            {
                return qualified.Field is null ? null : qualified;
            }
        }
        return Guess(key);
    }

    private static Match? Lookup(string key)
    {
        if (Headers.TryGetValue(key, out var match))
        {
            return match;
        }
        // "Email 1", "City1": the first of a numbered set is the field itself.
        return key.Length > 1 && key[^1] == '1' && Headers.TryGetValue(key[..^1], out match) ? match : null;
    }

    // Last resort for headers no table anticipates ("Cell Phone Number (Personal)").
    private static Match? Guess(string key)
    {
        foreach (var descriptor in Descriptors)
        {
            if (key.Contains(descriptor, StringComparison.Ordinal))
            {
                return null;
            }
        }
        if (key.Contains("mobile", StringComparison.Ordinal) || key.Contains("cell", StringComparison.Ordinal) || key.Contains("wireless", StringComparison.Ordinal))
        {
            return new Match(ProspectField.Phone, PhoneRank.Mobile);
        }
        if (key.Contains("phone", StringComparison.Ordinal))
        {
            var other = key.AsSpan().ContainsAny("23") || key.Contains("alt", StringComparison.Ordinal)
                || key.Contains("other", StringComparison.Ordinal) || key.Contains("home", StringComparison.Ordinal)
                || key.Contains("secondary", StringComparison.Ordinal);
            return new Match(ProspectField.Phone, other ? PhoneRank.Other : PhoneRank.Main);
        }
        if (key.EndsWith("email", StringComparison.Ordinal) || key.EndsWith("emailaddress", StringComparison.Ordinal))
        {
            return new Match(ProspectField.Email);
        }
        if (key.Contains("linkedin", StringComparison.Ordinal) && !key.Contains("company", StringComparison.Ordinal))
        {
            return new Match(ProspectField.LinkedIn);
        }
        if (key.Contains("website", StringComparison.Ordinal))
        {
            return new Match(ProspectField.Website);
        }
        return null;
    }

    private static string Key(string? header)
    {
        if (header is null)
        {
            return "";
        }
        Span<char> key = stackalloc char[Math.Min(header.Length, 64)];
        var length = 0;
        foreach (var raw in header)
        {
            var c = CellText.FoldWidth(raw);
            if (char.IsLetterOrDigit(c) && length < key.Length)
            {
                key[length++] = char.ToLowerInvariant(c);
            }
        }
        return new string(key[..length]);
    }

    private static FrozenDictionary<string, Match> BuildHeaders()
    {
        var headers = new Dictionary<string, Match>(StringComparer.Ordinal);
        void Add(Match match, params string[] keys)
        {
            foreach (var key in keys)
            {
                headers.Add(key, match);
            }
        }

        Add(new(ProspectField.FullName),
            "name", "fullname", "contact", "contactname", "contactfullname", "owner", "ownername", "ownerfullname",
            "businessowner", "executive", "executivename", "contactperson", "person", "personname", "keycontact",
            "decisionmaker", "primarycontact", "leadname", "prospectname");
        Add(new(ProspectField.FirstName),
            "first", "firstname", "fname", "givenname", "forename", "namefirst", "contactfirstname",
            "ownerfirstname", "executivefirstname");
        Add(new(ProspectField.LastName),
            "last", "lastname", "lname", "surname", "familyname", "namelast", "contactlastname",
            "ownerlastname", "executivelastname");
        Add(new(ProspectField.Company),
            "company", "companyname", "business", "businessname", "organization", "organisation",
            "organizationname", "organisationname", "org", "orgname", "account", "accountname", "firm",
            "firmname", "employer", "legalname", "businesslegalname", "companylegalname", "dba", "dbaname",
            "tradename", "corporation", "corporatename", "store", "storename", "practice", "practicename",
            "agency", "agencyname", "locationname");
        Add(new(ProspectField.Title),
            "title", "jobtitle", "position", "role", "jobrole", "jobposition", "designation", "occupation",
            "contacttitle", "executivetitle", "ownertitle");
        Add(new(ProspectField.Phone, PhoneRank.Mobile),
            "mobile", "mobilephone", "mobilenumber", "mobileno", "mobilephonenumber", "phonemobile",
            "cell", "cellphone", "cellnumber", "cellphonenumber", "cellular", "cellularphone", "phonecell",
            "wireless", "wirelessphone", "wirelessnumber", "sms", "smsnumber", "textnumber", "mobile2", "cell2");
        Add(new(ProspectField.Phone, PhoneRank.Main),
            "phone", "phonenumber", "phoneno", "telephone", "telephonenumber", "tel", "telno", "directphone",
            "directdial", "directline", "directnumber", "officephone", "workphone", "businessphone", "mainphone",
            "mainline", "mainnumber", "companyphone", "primaryphone", "contactphone", "contactnumber");
        Add(new(ProspectField.Phone, PhoneRank.Other),
            "phone2", "phonenumber2", "phone3", "phonenumber3", "secondaryphone", "secondphone", "altphone",
            "alternatephone", "alternativephone", "alternatenumber", "otherphone", "homephone", "additionalphone",
            "backupphone", "landline", "landlinephone", "tollfree", "tollfreenumber");
        Add(new(ProspectField.Email),
            "email", "emailaddress", "emailaddr", "mail", "emailid", "emails", "contactemail", "workemail",
            "businessemail", "primaryemail", "owneremail", "executiveemail", "personalemail");
        Add(new(ProspectField.EmailVerified),
            "emailverified", "emailstatus", "emailvalid", "emailvalidation", "emailvalidationstatus",
            "emailverification", "emailverificationstatus", "isemailverified", "emaildeliverable",
            "emaildeliverability", "deliverability", "emailresult", "verified", "verificationstatus");
        Add(new(ProspectField.Address),
            "address", "addressline1", "addressline", "street", "streetaddress", "street1", "streetaddress1",
            "streetline1", "addr", "addr1", "mailingaddress", "businessaddress", "physicaladdress",
            "locationaddress", "companyaddress");
        Add(new(ProspectField.City), "city", "town", "locality", "cityname", "municipality");
        Add(new(ProspectField.State),
            "state", "st", "province", "prov", "stateprovince", "provincestate", "stateorprovince", "statecode",
            "stateabbr", "stateabbreviation", "statename");
        Add(new(ProspectField.Zip),
            "zip", "zipcode", "zip5", "zipcode5", "postalcode", "postcode", "postal", "zippostalcode",
            "zippostal", "postalzip");
        Add(new(ProspectField.County), "county", "countyname", "parish");
        Add(new(ProspectField.Website),
            "website", "websiteurl", "websiteaddress", "url", "weburl", "webaddress", "web", "webpage", "site",
            "homepage", "companywebsite", "domain", "companydomain", "www");
        Add(new(ProspectField.LinkedIn),
            "linkedin", "linkedinurl", "linkedinprofile", "linkedinprofileurl", "linkedinprofilelink",
            "linkedinlink", "linkedinaddress", "personallinkedin", "contactlinkedin", "li", "liurl");
        Add(new(ProspectField.Sic),
            "sic", "siccode", "sic4", "sic6", "primarysic", "primarysiccode", "primarysic4", "primarysic6",
            "sicprimary", "siccode1");
        Add(new(ProspectField.Revenue),
            "revenue", "annualrevenue", "revenueusd", "annualrevenueusd", "revenuerange", "revenueestimate",
            "estimatedrevenue", "estimatedannualrevenue", "companyrevenue", "salesrevenue", "sales",
            "salesvolume", "salesvolumeactual", "annualsales", "annualsalesvolume", "estimatedsales",
            "locationsalesvolume", "locationsalesvolumeactual", "corporatesalesvolume", "turnover");
        Add(new(ProspectField.Employees),
            "employees", "employeecount", "employeescount", "ofemployees", "numberofemployees", "noofemployees",
            "numemployees", "numberemployees", "totalemployees", "employeestotal", "emps", "employeesize",
            "employeesizeactual", "locationemployeesize", "locationemployeesizeactual", "corporateemployeesize",
            "employeerange", "employeesrange", "headcount", "staff", "staffcount", "companysize");
        Add(new(ProspectField.Tags), "tags", "tag", "taglist", "labels", "label");
        Add(new(ProspectField.Notes), "notes", "note", "comments", "comment", "remarks", "memo");

        // Look like a field, are not one: the CRM user who owns a record, a company's LinkedIn page,
        // the four-digit ZIP add-on on its own, the second address line, fax numbers.
        Add(new(null),
            "accountowner", "leadowner", "contactowner", "recordowner", "opportunityowner", "ownerid",
            "companylinkedin", "companylinkedinurl", "linkedincompany", "linkedincompanyurl",
            "zip4", "plus4", "zipplus4", "address2", "addressline2", "street2", "suite",
            "fax", "faxnumber", "faxphone", "phoneext", "phoneextension", "extension", "ext", "phonetype");
        return headers.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
