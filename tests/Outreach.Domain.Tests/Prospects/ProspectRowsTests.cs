using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class ProspectRowsTests
{
    private static string?[] Row(params (ProspectField Field, string? Value)[] cells)
    {
        var row = new string?[Enum.GetValues<ProspectField>().Length];
        foreach (var (field, value) in cells)
        {
            row[(int)field] = value;
        }
        return row;
    }

    // A row that is importable before the cells under test are added.
    private static string?[] Reachable(params (ProspectField Field, string? Value)[] cells) =>
        Row([(ProspectField.FullName, "Jane Doe"), (ProspectField.Phone, "(512) 867-5309"), .. cells]);

    private static NormalizedProspect Imported(string?[] row)
    {
        var result = ProspectRows.Normalize(row);
        Assert.Null(result.Rejection);
        return result.Prospect!;
    }

    [Fact]
    public void A_complete_row_is_normalised_field_by_field()
    {
        var prospect = Imported(Row(
            (ProspectField.FirstName, "  JANE "),
            (ProspectField.LastName, "DOE"),
            (ProspectField.Company, "Doe\u00A0Plumbing  &  Heating LLC"),
            (ProspectField.Title, "Owner/Operator"),
            (ProspectField.Phone, "+1 (512) 867-5309 ext. 12"),
            (ProspectField.SecondaryPhone, "512.867.1234"),
            (ProspectField.Email, "Jane@DoePlumbing.com"),
            (ProspectField.EmailVerified, "Verified"),
            (ProspectField.Address, "1200  Congress Ave, Suite 4"),
            (ProspectField.City, "Austin"),
            (ProspectField.State, "Texas"),
            (ProspectField.Zip, "787011234"),
            (ProspectField.County, "Travis"),
            (ProspectField.Website, "https://www.DoePlumbing.com/"),
            (ProspectField.LinkedIn, "https://www.linkedin.com/in/jane-doe-atx/"),
            (ProspectField.Sic, "1711.0"),
            (ProspectField.Revenue, "$1-2.5 Million"),
            (ProspectField.Employees, "5 to 9"),
            (ProspectField.Tags, "HVAC; Austin, hvac"),
            (ProspectField.Notes, "Met at the\r\nATX trade show")));

        var expected = new NormalizedProspect(
            FullName: "Jane Doe", FirstName: "Jane", LastName: "Doe", Company: "Doe Plumbing & Heating LLC",
            Title: "Owner/Operator", Phone: "+15128675309", PhoneExtension: "12", SecondaryPhone: "+15128671234",
            Email: "jane@doeplumbing.com", EmailVerified: true, Address: "1200 Congress Ave, Suite 4", City: "Austin",
            State: "TX", Zip: "78701-1234", County: "Travis", Website: "doeplumbing.com",
            LinkedIn: "linkedin.com/in/jane-doe-atx", Sic: "1711", Sector: "Construction",
            SubSector: "Construction - Special Trade Contractors", Revenue: 1_750_000m, RevenueTier: RevenueTier.MainStreet,
            Employees: 7, IsOwnerOrExecutive: true, TimeZone: "America/Chicago", Tags: prospect.Tags,
            Notes: "Met at the ATX trade show", Score: 105, Warnings: prospect.Warnings);
        Assert.Equal(expected, prospect);
        Assert.Equal(["hvac", "austin"], prospect.Tags);
        Assert.Empty(prospect.Warnings);
    }

    [Fact]
    public void A_row_with_only_a_name_and_a_phone_is_enough()
    {
        var prospect = Imported(Row((ProspectField.FullName, "Jane Doe"), (ProspectField.Phone, "5128675309")));

        Assert.Equal("+15128675309", prospect.Phone);
        Assert.Equal("America/Chicago", prospect.TimeZone);
        Assert.Equal(LeadScoring.BasePoints, prospect.Score);
        Assert.Empty(prospect.Tags);
        Assert.Empty(prospect.Warnings);
    }

    [Fact]
    public void A_row_shorter_than_the_field_list_reads_the_missing_cells_as_blank()
    {
        var prospect = Imported(["Jane Doe", null, null, "Doe Plumbing", null, "(512) 867-5309"]);

        Assert.Equal("Doe Plumbing", prospect.Company);
        Assert.Null(prospect.Notes);
    }

    [Theory]
    [InlineData("Jane Doe", null, null, "Jane Doe", "Jane", "Doe")]
    [InlineData("Doe, Jane", null, null, "Jane Doe", "Jane", "Doe")]
    [InlineData("SMITH, JOHN A.", null, null, "John A. Smith", "John", "Smith")]
    [InlineData("Smith, John, CPA", null, null, "John Smith", "John", "Smith")]
    [InlineData("John Smith, Jr.", null, null, "John Smith, Jr.", "John", "Smith")]
    [InlineData("John Smith III", null, null, "John Smith III", "John", "Smith")]
    [InlineData("JOHN SMITH III", null, null, "John Smith III", "John", "Smith")]
    [InlineData("Dr. Maria de la Cruz", null, null, "Dr. Maria de la Cruz", "Maria", "de la Cruz")]
    [InlineData("Martin Van Buren", null, null, "Martin Van Buren", "Martin", "Van Buren")]
    [InlineData("JOHN O'NEIL", null, null, "John O'Neil", "John", "O'Neil")]
    [InlineData("mary mcdonald", null, null, "Mary McDonald", "Mary", "McDonald")]
    [InlineData("DeShawn Jackson", null, null, "DeShawn Jackson", "DeShawn", "Jackson")]
    [InlineData("John \"Jack\" Smith", null, null, "John \"Jack\" Smith", "John", "Smith")]
    [InlineData("Madonna", null, null, "Madonna", "Madonna", null)]
    [InlineData("李小龙", null, null, "李小龙", "李小龙", null)]
    [InlineData("Jane Doe", "Janet", null, "Jane Doe", "Janet", "Doe")]
    [InlineData(null, "Jane", "Doe", "Jane Doe", "Jane", "Doe")]
    [InlineData(null, "JANE", null, "Jane", "Jane", null)]
    [InlineData(null, null, "Doe", "Doe", null, "Doe")]
    [InlineData(null, "  José ", "Núñez", "José Núñez", "José", "Núñez")]
    public void Names_are_completed_from_whichever_parts_the_list_has(
        string? full, string? first, string? last, string? expectedFull, string? expectedFirst, string? expectedLast)
    {
        var prospect = Imported(Row(
            (ProspectField.FullName, full), (ProspectField.FirstName, first), (ProspectField.LastName, last),
            (ProspectField.Phone, "(512) 867-5309")));

        Assert.Equal((expectedFull, expectedFirst, expectedLast), (prospect.FullName, prospect.FirstName, prospect.LastName));
    }

    [Theory]
    [InlineData("555-12", null, "Jane Doe", null, "no valid phone or e-mail (phone '555-12': 5 digits)")]
    [InlineData(null, null, "Jane Doe", null, "no phone or e-mail")]
    [InlineData("N/A", " ", "Jane Doe", null, "no phone or e-mail")]
    [InlineData("(000) 123-4567", "jane@doeplumbing", "Jane Doe", null,
        "no valid phone or e-mail (phone '(000) 123-4567': area code 000 cannot start with 0; e-mail 'jane@doeplumbing' invalid)")]
    [InlineData("(415) 555-0123", null, null, "Doe Plumbing", "no valid phone or e-mail (phone '(415) 555-0123': 555-01xx numbers are reserved for fiction)")]
    [InlineData("(512) 867-5309", null, null, null, "no name or company")]
    [InlineData(null, "jane@doeplumbing.com", "N/A", "#N/A", "no name or company")]
    [InlineData(null, null, null, null, "no phone or e-mail; no name or company")]
    public void Rows_nobody_can_be_messaged_or_addressed_are_rejected_with_the_reason(
        string? phone, string? email, string? name, string? company, string expected)
    {
        var result = ProspectRows.Normalize(Row(
            (ProspectField.Phone, phone), (ProspectField.Email, email), (ProspectField.FullName, name), (ProspectField.Company, company)));

        Assert.Null(result.Prospect);
        Assert.True(result.IsRejected);
        Assert.Equal(expected, result.Rejection);
    }

    [Fact]
    public void The_rejection_quotes_a_long_value_in_short()
    {
        var result = ProspectRows.Normalize(Row((ProspectField.FullName, "Jane Doe"), (ProspectField.Phone, new string('9', 60))));

        Assert.Equal($"no valid phone or e-mail (phone '{new string('9', 40)}…': 60 digits)", result.Rejection);
    }

    [Fact]
    public void An_invalid_phone_is_dropped_with_a_warning_when_the_email_is_good()
    {
        var prospect = Imported(Row(
            (ProspectField.FullName, "Jane Doe"), (ProspectField.Phone, "555-12"), (ProspectField.Email, "jane@doeplumbing.com")));

        Assert.Null(prospect.Phone);
        Assert.Equal("jane@doeplumbing.com", prospect.Email);
        Assert.Equal(["phone '555-12' invalid: 5 digits"], prospect.Warnings);
    }

    [Fact]
    public void An_invalid_email_is_dropped_with_a_warning_when_the_phone_is_good()
    {
        var prospect = Imported(Reachable((ProspectField.Email, "jane(at)doeplumbing.com"), (ProspectField.EmailVerified, "yes")));

        Assert.Null(prospect.Email);
        Assert.False(prospect.EmailVerified);
        Assert.Equal(["e-mail 'jane(at)doeplumbing.com' invalid"], prospect.Warnings);
    }

    [Fact]
    public void A_valid_secondary_phone_stands_in_for_an_invalid_main_one()
    {
        var prospect = Imported(Row(
            (ProspectField.FullName, "Jane Doe"), (ProspectField.Phone, "(512) 867-53"), (ProspectField.SecondaryPhone, "512-867-1234 x9")));

        Assert.Equal("+15128671234", prospect.Phone);
        Assert.Equal("9", prospect.PhoneExtension);
        Assert.Null(prospect.SecondaryPhone);
        Assert.Equal(["phone '(512) 867-53' invalid: 8 digits"], prospect.Warnings);
    }

    [Fact]
    public void A_secondary_phone_that_repeats_the_main_one_is_dropped()
    {
        var prospect = Imported(Reachable((ProspectField.SecondaryPhone, "+1 512 867 5309")));

        Assert.Null(prospect.SecondaryPhone);
    }

    [Fact]
    public void An_invalid_secondary_phone_is_reported_but_does_not_block_the_row()
    {
        var prospect = Imported(Reachable((ProspectField.SecondaryPhone, "(911) 867-1234")));

        Assert.Null(prospect.SecondaryPhone);
        Assert.Equal(["secondary phone '(911) 867-1234' invalid: area code 911 is an N11 service code"], prospect.Warnings);
    }

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("Verified", true)]
    [InlineData("valid", true)]
    [InlineData("Deliverable", true)]
    [InlineData("✓", true)]
    [InlineData(" y ", true)]
    [InlineData("No", false)]
    [InlineData("Invalid", false)]
    [InlineData("Unverified", false)]
    [InlineData("Catch-all", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void An_email_is_verified_only_when_the_status_column_says_so(string? status, bool expected)
    {
        var prospect = Imported(Reachable((ProspectField.Email, "jane@doeplumbing.com"), (ProspectField.EmailVerified, status)));

        Assert.Equal(expected, prospect.EmailVerified);
    }

    [Fact]
    public void A_verified_flag_without_an_email_verifies_nothing() =>
        Assert.False(Imported(Reachable((ProspectField.EmailVerified, "Yes"))).EmailVerified);

    [Theory]
    [InlineData(ProspectField.State, "Ontari", "state 'Ontari' not recognised")]
    [InlineData(ProspectField.Zip, "94105-12", "zip '94105-12' invalid")]
    [InlineData(ProspectField.Zip, "SW1A 1AA", "zip 'SW1A 1AA' invalid")]
    [InlineData(ProspectField.Website, "info@doeplumbing.com", "website 'info@doeplumbing.com' invalid")]
    [InlineData(ProspectField.LinkedIn, "twitter.com/janedoe", "LinkedIn 'twitter.com/janedoe' is not a linkedin.com address")]
    [InlineData(ProspectField.Sic, "6611", "SIC '6611' not recognised")]
    [InlineData(ProspectField.Revenue, "Confidential", "revenue 'Confidential' not understood")]
    [InlineData(ProspectField.Employees, "a handful", "employees 'a handful' not understood")]
    public void Optional_values_that_cannot_be_read_are_dropped_with_a_warning(ProspectField field, string raw, string warning)
    {
        var prospect = Imported(Reachable((field, raw)));

        Assert.Equal([warning], prospect.Warnings);
    }

    [Theory]
    [InlineData(ProspectField.State)]
    [InlineData(ProspectField.Zip)]
    [InlineData(ProspectField.Website)]
    [InlineData(ProspectField.LinkedIn)]
    [InlineData(ProspectField.Sic)]
    [InlineData(ProspectField.Revenue)]
    [InlineData(ProspectField.Employees)]
    [InlineData(ProspectField.SecondaryPhone)]
    [InlineData(ProspectField.Email)]
    public void Placeholders_are_blank_not_invalid(ProspectField field)
    {
        var prospect = Imported(Reachable((field, "N/A")));

        Assert.Empty(prospect.Warnings);
    }

    [Fact]
    public void Tags_are_split_lower_cased_and_de_duplicated()
    {
        var prospect = Imported(Reachable((ProspectField.Tags, " VIP; Bay Area ,vip| HVAC ;; N/A ,Bay\u00A0area")));

        Assert.Equal(["vip", "bay area", "hvac"], prospect.Tags);
    }

    [Fact]
    public void No_more_than_twenty_tags_are_kept()
    {
        var tags = string.Join(';', Enumerable.Range(1, 25).Select(i => $"list-{i}"));

        var prospect = Imported(Reachable((ProspectField.Tags, tags)));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"list-{i}"), prospect.Tags);
        Assert.Equal(["5 tags beyond the first 20 dropped"], prospect.Warnings);
    }

    [Fact]
    public void A_long_tag_is_cut_to_fifty_characters()
    {
        var prospect = Imported(Reachable((ProspectField.Tags, new string('x', 80))));

        Assert.Equal([new string('x', 50)], prospect.Tags);
    }

    [Theory]
    [InlineData(ProspectField.Company, ProspectRows.MaxNameLength, "company")]
    [InlineData(ProspectField.Title, ProspectRows.MaxTitleLength, "title")]
    [InlineData(ProspectField.Address, ProspectRows.MaxAddressLength, "address")]
    [InlineData(ProspectField.City, ProspectRows.MaxPlaceLength, "city")]
    [InlineData(ProspectField.Notes, ProspectRows.MaxNotesLength, "notes")]
    public void Very_long_text_is_capped_with_a_warning(ProspectField field, int cap, string label)
    {
        var prospect = Imported(Reachable((field, string.Concat(Enumerable.Repeat("Plumbing ", 2_000)))));

        var value = field switch
        {
            ProspectField.Company => prospect.Company,
            ProspectField.Title => prospect.Title,
            ProspectField.Address => prospect.Address,
            ProspectField.City => prospect.City,
            _ => prospect.Notes,
        };
        Assert.InRange(value!.Length, cap - 9, cap);
        Assert.False(value.EndsWith(' '));
        Assert.Equal([$"{label} truncated to {cap} characters"], prospect.Warnings);
    }

    [Fact]
    public void A_very_long_name_is_capped_before_it_is_split()
    {
        var prospect = Imported(Reachable((ProspectField.FullName, "Jane " + new string('x', 10_000))));

        Assert.Equal(ProspectRows.MaxNameLength, prospect.FullName!.Length);
        Assert.Equal("Jane", prospect.FirstName);
        Assert.Equal(ProspectRows.MaxNameLength - 5, prospect.LastName!.Length);
    }

    [Fact]
    public void Emoji_and_accents_survive_normalisation()
    {
        var prospect = Imported(Reachable((ProspectField.Company, " Café Olé 🌮  Tacos "), (ProspectField.City, "San José")));

        Assert.Equal("Café Olé 🌮 Tacos", prospect.Company);
        Assert.Equal("San José", prospect.City);
    }

    [Theory]
    [InlineData("TX", "(915) 555-2671", "America/Denver")]
    [InlineData("TX", "(512) 867-5309", "America/Chicago")]
    [InlineData("California", "(512) 867-5309", "America/Los_Angeles")]
    [InlineData(null, "(808) 555-2671", "Pacific/Honolulu")]
    [InlineData(null, "+44 20 7946 0958", "Europe/London")]
    public void The_time_zone_comes_from_the_state_refined_by_the_area_code(string? state, string phone, string? expected)
    {
        var prospect = Imported(Row((ProspectField.FullName, "Jane Doe"), (ProspectField.State, state), (ProspectField.Phone, phone)));

        Assert.Equal(expected, prospect.TimeZone);
    }

    [Theory]
    [InlineData("Owner", null, null, null, 70)]
    [InlineData("Office Manager", null, null, null, 50)]
    [InlineData("CEO", "Yes", "linkedin.com/in/jane-doe", "$3.5M", 105)]
    [InlineData(null, null, null, "$75M", 50)]
    [InlineData(null, "Yes", null, "$750K", 75)]
    public void The_score_reflects_title_verification_profile_and_revenue(
        string? title, string? verified, string? linkedIn, string? revenue, int expected)
    {
        var prospect = Imported(Reachable(
            (ProspectField.Title, title), (ProspectField.Email, "jane@doeplumbing.com"), (ProspectField.EmailVerified, verified),
            (ProspectField.LinkedIn, linkedIn), (ProspectField.Revenue, revenue)));

        Assert.Equal(expected, prospect.Score);
    }
}
