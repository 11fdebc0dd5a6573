using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class ColumnMappingTests
{
    [Theory]
    [InlineData("Company Name", ProspectField.Company)]
    [InlineData("COMPANY NAME", ProspectField.Company)]
    [InlineData("company_name", ProspectField.Company)]
    [InlineData("Business", ProspectField.Company)]
    [InlineData("Business Name", ProspectField.Company)]
    [InlineData("Organization", ProspectField.Company)]
    [InlineData("Phone", ProspectField.Phone)]
    [InlineData("Phone 1", ProspectField.Phone)]
    [InlineData("Phone Number", ProspectField.Phone)]
    [InlineData("Phone #", ProspectField.Phone)]
    [InlineData("Mobile", ProspectField.Phone)]
    [InlineData("Cell", ProspectField.Phone)]
    [InlineData("Mobile Phone", ProspectField.Phone)]
    [InlineData("Owner Cell", ProspectField.Phone)]
    [InlineData("Cell Phone Number (Personal)", ProspectField.Phone)]
    [InlineData("Phone 2", ProspectField.SecondaryPhone)]
    [InlineData("Alternate Phone", ProspectField.SecondaryPhone)]
    [InlineData("E-mail", ProspectField.Email)]
    [InlineData("Email Address", ProspectField.Email)]
    [InlineData("Contact Email", ProspectField.Email)]
    [InlineData("Email Verified", ProspectField.EmailVerified)]
    [InlineData("Email Status", ProspectField.EmailVerified)]
    [InlineData("First", ProspectField.FirstName)]
    [InlineData("First Name", ProspectField.FirstName)]
    [InlineData("\uFEFFFirst Name", ProspectField.FirstName)]
    [InlineData("Last", ProspectField.LastName)]
    [InlineData("Last Name", ProspectField.LastName)]
    [InlineData("Surname", ProspectField.LastName)]
    [InlineData("Name", ProspectField.FullName)]
    [InlineData("Full Name", ProspectField.FullName)]
    [InlineData("Contact", ProspectField.FullName)]
    [InlineData("Contact Name", ProspectField.FullName)]
    [InlineData("Owner Name", ProspectField.FullName)]
    [InlineData("Owner", ProspectField.FullName)]
    [InlineData("Title", ProspectField.Title)]
    [InlineData("Job Title", ProspectField.Title)]
    [InlineData("Position", ProspectField.Title)]
    [InlineData("SIC", ProspectField.Sic)]
    [InlineData("SIC Code", ProspectField.Sic)]
    [InlineData("Primary SIC", ProspectField.Sic)]
    [InlineData("Revenue", ProspectField.Revenue)]
    [InlineData("Annual Revenue", ProspectField.Revenue)]
    [InlineData("Sales Volume", ProspectField.Revenue)]
    [InlineData("Location Sales Volume Actual", ProspectField.Revenue)]
    [InlineData("Employees", ProspectField.Employees)]
    [InlineData("Employee Count", ProspectField.Employees)]
    [InlineData("# of Employees", ProspectField.Employees)]
    [InlineData("Address", ProspectField.Address)]
    [InlineData("Street", ProspectField.Address)]
    [InlineData("Address 1", ProspectField.Address)]
    [InlineData("City", ProspectField.City)]
    [InlineData("Mailing City", ProspectField.City)]
    [InlineData("State", ProspectField.State)]
    [InlineData("ST", ProspectField.State)]
    [InlineData("Province", ProspectField.State)]
    [InlineData("Zip", ProspectField.Zip)]
    [InlineData("Zip Code", ProspectField.Zip)]
    [InlineData("Postal Code", ProspectField.Zip)]
    [InlineData("ZIP5", ProspectField.Zip)]
    [InlineData("County", ProspectField.County)]
    [InlineData("Website", ProspectField.Website)]
    [InlineData("URL", ProspectField.Website)]
    [InlineData("Web Address", ProspectField.Website)]
    [InlineData("LinkedIn", ProspectField.LinkedIn)]
    [InlineData("LinkedIn URL", ProspectField.LinkedIn)]
    [InlineData("Tags", ProspectField.Tags)]
    [InlineData("Notes", ProspectField.Notes)]
    public void Common_header_variants_are_recognised(string header, ProspectField expected) =>
        Assert.Equal(expected, ColumnMapping.Recognise(header));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Fax")]
    [InlineData("Fax Number")]
    [InlineData("Account Owner")]
    [InlineData("Lead Owner")]
    [InlineData("Company LinkedIn URL")]
    [InlineData("ZIP4")]
    [InlineData("Address 2")]
    [InlineData("Phone Type")]
    [InlineData("Email Opt Out")]
    [InlineData("Customer Name")]
    [InlineData("Lead Source")]
    [InlineData("NAICS")]
    [InlineData("Favorite Color")]
    public void Headers_that_only_resemble_a_field_stay_unmapped(string header) =>
        Assert.Null(ColumnMapping.Recognise(header));

    [Fact]
    public void A_typical_list_is_mapped_column_by_column()
    {
        var proposal = ColumnMapping.Propose(
            ["First Name", "Last Name", "Company Name", "Title", "Phone", "Email", "City", "State", "Zip Code", "Favorite Color"]);

        Assert.Equal(
            [
                ProspectField.FirstName, ProspectField.LastName, ProspectField.Company, ProspectField.Title,
                ProspectField.Phone, ProspectField.Email, ProspectField.City, ProspectField.State, ProspectField.Zip, null,
            ],
            proposal);
    }

    [Fact]
    public void A_mobile_column_is_preferred_as_the_phone_we_text()
    {
        var proposal = ColumnMapping.Propose(["Company", "Phone", "Mobile Phone"]);

        Assert.Equal([ProspectField.Company, ProspectField.SecondaryPhone, ProspectField.Phone], proposal);
    }

    [Fact]
    public void Further_phone_columns_are_left_for_custom_fields()
    {
        var proposal = ColumnMapping.Propose(["Phone 1", "Phone 2", "Phone 3", "Cell"]);

        Assert.Equal([ProspectField.SecondaryPhone, null, null, ProspectField.Phone], proposal);
    }

    [Fact]
    public void Numbered_phones_keep_their_order_when_there_is_no_mobile()
    {
        var proposal = ColumnMapping.Propose(["Phone 2", "Phone 1"]);

        Assert.Equal([ProspectField.SecondaryPhone, ProspectField.Phone], proposal);
    }

    [Fact]
    public void Each_field_is_proposed_for_its_first_column_only()
    {
        var proposal = ColumnMapping.Propose(["Email", "E-mail Address", "Company", "Business Name", "Name", "Contact Name"]);

        Assert.Equal([ProspectField.Email, null, ProspectField.Company, null, ProspectField.FullName, null], proposal);
    }

    [Fact]
    public void A_list_without_headers_proposes_nothing() =>
        Assert.Empty(ColumnMapping.Propose([]));
}
