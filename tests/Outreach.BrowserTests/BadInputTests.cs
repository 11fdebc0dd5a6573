using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// What a new operator trips over gets a clear answer in the page: a budget too large for the books, a
/// workbook renamed .csv, a file with only its header, and a node running without its public address.
/// </summary>
[Collection(ClusterCollection.Name)]
public class BadInputTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task A_budget_too_large_gets_an_error_next_to_its_field_and_the_page_warns_that_the_public_address_is_unset()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.OpenSettingsAsync(page, "Messaging", "Messaging");

        // The browser tests' nodes run in Production without Outreach:PublicBaseUrl, as a first install would.
        await Expect(page.GetByTestId("public-address-warning")).ToContainTextAsync("Outreach:PublicBaseUrl");

        var budget = page.Locator("[data-testid=limits-budget] input, input[data-testid=limits-budget]");
        await budget.FillAsync("99999999999");
        await page.GetByTestId("limits-save").ClickAsync();

        await Expect(page.GetByTestId("limits-budget-error")).ToContainTextAsync("at most $999,999,999.99");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Budget and caps" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("limits")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_workbook_renamed_csv_and_a_header_only_file_are_refused_on_the_import_page_with_their_reason()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        await page.GetByTestId("prospect-import").ClickAsync();
        await page.Locator("h1", new() { HasTextString = "Import prospects" }).WaitForAsync();
        await Operator.WaitForCircuitAsync(page);

        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "leads.csv",
            MimeType = "text/csv",
            Buffer = [(byte)'P', (byte)'K', 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes("[Content_Types].xml")],
        });
        await page.GetByTestId("import-upload-button").ClickAsync();
        await Expect(page.GetByTestId("import-error")).ToContainTextAsync("Save it as CSV");

        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "header-only.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Business,Owner Name,Office Phone\r\n"),
        });
        await page.GetByTestId("import-upload-button").ClickAsync();
        await Expect(page.GetByTestId("import-error")).ToContainTextAsync("no data rows");
        await Operator.AssertAccessibleAsync(page);
    }
}
