using System.Globalization;

namespace Outreach.Domain.Prospects;

/// <summary>
/// The SIC divisions and their 83 major groups. US business lists still classify by SIC (NAICS
/// replaced it in government statistics in 1997, but the list vendors never moved), and the major
/// group is as fine a grain as campaign targeting needs.
/// </summary>
public static class SicCodes
{
    private const string Agriculture = "Agriculture, Forestry & Fishing";
    private const string Mining = "Mining";
    private const string Construction = "Construction";
    private const string Manufacturing = "Manufacturing";
    private const string Transportation = "Transportation & Public Utilities";
    private const string Wholesale = "Wholesale Trade";
    private const string Retail = "Retail Trade";
    private const string Finance = "Finance, Insurance & Real Estate";
    private const string Services = "Services";
    private const string PublicAdministration = "Public Administration";
    private const string Nonclassifiable = "Nonclassifiable Establishments";

    private static readonly SicClassification[] Groups =
    [
        new("01", Agriculture, "Agricultural Production - Crops"),
        new("02", Agriculture, "Agricultural Production - Livestock & Animal Specialties"),
        new("07", Agriculture, "Agricultural Services"),
        new("08", Agriculture, "Forestry"),
        new("09", Agriculture, "Fishing, Hunting & Trapping"),
        new("10", Mining, "Metal Mining"),
        new("12", Mining, "Coal Mining"),
        new("13", Mining, "Oil & Gas Extraction"),
        new("14", Mining, "Mining & Quarrying of Nonmetallic Minerals, Except Fuels"),
        new("15", Construction, "Building Construction - General Contractors & Operative Builders"),
        new("16", Construction, "Heavy Construction Other Than Building Construction - Contractors"),
        new("17", Construction, "Construction - Special Trade Contractors"),
        new("20", Manufacturing, "Food & Kindred Products"),
        new("21", Manufacturing, "Tobacco Products"),
        new("22", Manufacturing, "Textile Mill Products"),
        new("23", Manufacturing, "Apparel & Other Finished Products Made from Fabrics & Similar Materials"),
        new("24", Manufacturing, "Lumber & Wood Products, Except Furniture"),
        new("25", Manufacturing, "Furniture & Fixtures"),
        new("26", Manufacturing, "Paper & Allied Products"),
        new("27", Manufacturing, "Printing, Publishing & Allied Industries"),
        new("28", Manufacturing, "Chemicals & Allied Products"),
        new("29", Manufacturing, "Petroleum Refining & Related Industries"),
        new("30", Manufacturing, "Rubber & Miscellaneous Plastics Products"),
        new("31", Manufacturing, "Leather & Leather Products"),
        new("32", Manufacturing, "Stone, Clay, Glass & Concrete Products"),
        new("33", Manufacturing, "Primary Metal Industries"),
        new("34", Manufacturing, "Fabricated Metal Products, Except Machinery & Transportation Equipment"),
        new("35", Manufacturing, "Industrial & Commercial Machinery & Computer Equipment"),
        new("36", Manufacturing, "Electronic & Other Electrical Equipment & Components, Except Computer Equipment"),
        new("37", Manufacturing, "Transportation Equipment"),
        new("38", Manufacturing, "Measuring, Analyzing & Controlling Instruments; Photographic, Medical & Optical Goods; Watches & Clocks"),
        new("39", Manufacturing, "Miscellaneous Manufacturing Industries"),
        new("40", Transportation, "Railroad Transportation"),
        new("41", Transportation, "Local & Suburban Transit & Interurban Highway Passenger Transportation"),
        new("42", Transportation, "Motor Freight Transportation & Warehousing"),
        new("43", Transportation, "United States Postal Service"),
        new("44", Transportation, "Water Transportation"),
        new("45", Transportation, "Transportation by Air"),
        new("46", Transportation, "Pipelines, Except Natural Gas"),
        new("47", Transportation, "Transportation Services"),
        new("48", Transportation, "Communications"),
        new("49", Transportation, "Electric, Gas & Sanitary Services"),
        new("50", Wholesale, "Wholesale Trade - Durable Goods"),
        new("51", Wholesale, "Wholesale Trade - Nondurable Goods"),
        new("52", Retail, "Building Materials, Hardware, Garden Supply & Mobile Home Dealers"),
        new("53", Retail, "General Merchandise Stores"),
        new("54", Retail, "Food Stores"),
        new("55", Retail, "Automotive Dealers & Gasoline Service Stations"),
        new("56", Retail, "Apparel & Accessory Stores"),
        new("57", Retail, "Home Furniture, Furnishings & Equipment Stores"),
        new("58", Retail, "Eating & Drinking Places"),
        new("59", Retail, "Miscellaneous Retail"),
        new("60", Finance, "Depository Institutions"),
        new("61", Finance, "Nondepository Credit Institutions"),
        new("62", Finance, "Security & Commodity Brokers, Dealers, Exchanges & Services"),
        new("63", Finance, "Insurance Carriers"),
        new("64", Finance, "Insurance Agents, Brokers & Service"),
        new("65", Finance, "Real Estate"),
        new("67", Finance, "Holding & Other Investment Offices"),
        new("70", Services, "Hotels, Rooming Houses, Camps & Other Lodging Places"),
        new("72", Services, "Personal Services"),
        new("73", Services, "Business Services"),
        new("75", Services, "Automotive Repair, Services & Parking"),
        new("76", Services, "Miscellaneous Repair Services"),
        new("78", Services, "Motion Pictures"),
        new("79", Services, "Amusement & Recreation Services"),
        new("80", Services, "Health Services"),
        new("81", Services, "Legal Services"),
        new("82", Services, "Educational Services"),
        new("83", Services, "Social Services"),
        new("84", Services, "Museums, Art Galleries & Botanical & Zoological Gardens"),
        new("86", Services, "Membership Organizations"),
        new("87", Services, "Engineering, Accounting, Research, Management & Related Services"),
        new("88", Services, "Private Households"),
        new("89", Services, "Miscellaneous Services"),
        new("91", PublicAdministration, "Executive, Legislative & General Government, Except Finance"),
        new("92", PublicAdministration, "Justice, Public Order & Safety"),
        new("93", PublicAdministration, "Public Finance, Taxation & Monetary Policy"),
        new("94", PublicAdministration, "Administration of Human Resource Programs"),
        new("95", PublicAdministration, "Administration of Environmental Quality & Housing Programs"),
        new("96", PublicAdministration, "Administration of Economic Programs"),
        new("97", PublicAdministration, "National Security & International Affairs"),
        new("99", Nonclassifiable, "Nonclassifiable Establishments"),
    ];

    private static readonly SicClassification?[] ByMajorGroup = Index(Groups);

    /// <summary>The 83 two-digit major groups, for filters and pickers.</summary>
    public static IReadOnlyList<SicClassification> MajorGroups => Groups;

    /// <summary>
    /// Classifies a SIC code written as "7372", "737" (industry group), "73" (major group),
    /// " 7372.0 ", "7372-01" or "73720100" (vendor extensions) or "7372 - Prepackaged Software".
    /// A three-digit value whose first two digits are no major group is a four-digit code that lost its
    /// leading zero in a spreadsheet ("111" is 0111, wheat). Null when the major group does not exist.
    /// </summary>
    public static SicClassification? Lookup(string? sic)
    {
        if (sic is null)
        {
            return null;
        }
        var text = CellText.Unwrap(sic);
        Span<char> digits = stackalloc char[9];
        var count = 0;
        while (count < text.Length && count < digits.Length && CellText.DigitValue(CellText.FoldWidth(text[count])) is var d and >= 0)
        {
            digits[count++] = (char)('0' + d);
        }
        if (count == 0 || !IsAcceptableTail(text[count..], count))
        {
            return null;
        }

        Span<char> code = stackalloc char[4];
        int length;
        switch (count)
        {
            case 1:
                code[0] = '0';
                code[1] = digits[0];
                length = 2;
                break;
            case 2 or 4:
                digits[..count].CopyTo(code);
                length = count;
                break;
            case 3 when Find(digits) is not null:
                digits[..3].CopyTo(code);
                length = 3;
                break;
            case 3:
                code[0] = '0';
                digits[..3].CopyTo(code[1..]);
                length = 4;
                break;
            case 6 or 8:
                digits[..4].CopyTo(code);
                length = 4;
                break;
            default:
                return null;
        }

        var group = Find(code);
        if (group is null)
        {
            return null;
        }
        return length == 2 ? group : group with { Code = new string(code[..length]) };
    }

    private static SicClassification? Find(ReadOnlySpan<char> digits) =>
        ByMajorGroup[(digits[0] - '0') * 10 + (digits[1] - '0')];

    // After the digits: nothing, a spreadsheet's ".0", or a separator before a vendor extension or a
    // description ("7372-01", "7372 Prepackaged Software").
    private static bool IsAcceptableTail(ReadOnlySpan<char> tail, int digitCount)
    {
        if (tail.IsEmpty)
        {
            return true;
        }
        if (tail[0] == '.')
        {
            return !tail[1..].ContainsAnyExcept('0');
        }
        return digitCount is >= 2 and <= 4 && (tail[0] is '-' or '–' or ':' or '/' || char.IsWhiteSpace(tail[0]));
    }

    private static SicClassification?[] Index(SicClassification[] groups)
    {
        var index = new SicClassification?[100];
        foreach (var group in groups)
        {
            index[int.Parse(group.Code, CultureInfo.InvariantCulture)] = group;
        }
        return index;
    }
}
