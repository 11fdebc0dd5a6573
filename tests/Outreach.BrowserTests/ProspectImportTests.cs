using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// An operator imports a small messy file through the UI: the mapping preview, a corrected column, the
/// live progress bar to completion, the error report download, then the grid, the detail page, a bulk
/// action and the suppression list.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ProspectImportTests(ConsoleCluster cluster)
{
    // "Met Where" means nothing to the header matcher: the operator maps it to Notes by hand.
    private const string Csv = """
        Business,Owner Name,Office Phone,E-mail,ST,SIC Code,Annual Revenue,Title,Met Where
        Lone Star HVAC,Dale Gribble,(512) 240-7781,dale@lonestarhvac.com,Texas,1711,$1.8M,Owner,met at expo
        "Baker, Sons & Co",Mary Baker,512.240.7782 x12,,TX,5812,"750,000",CEO,
        Broken Row LLC,No Body,12345,not-an-email,TX,,,,

        Lone Star HVAC (dup),Dale G,512-240-7781,,TX,,,,
        Prairie Dental,Ann Lee,+1 512 240 7783,ann@prairiedental.com,tx,8021,$6M,Office Manager,"multi
        line note"
        """;

    [Fact]
    public async Task An_operator_imports_a_messy_file_fixes_a_mapping_watches_progress_and_downloads_the_report()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        await page.ClickAsync("[data-testid=prospect-import]");
        await page.Locator("h1", new() { HasTextString = "Import prospects" }).WaitForAsync();
        await Operator.WaitForCircuitAsync(page);

        var file = Path.Combine(Path.GetTempPath(), $"messy-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, Csv.Replace("\n", "\r\n"), Encoding.UTF8);
        await page.SetInputFilesAsync("[data-testid=import-file]", file);
        await page.ClickAsync("[data-testid=import-upload-button]");

        // The mapping page: headers recognised, one column left for the operator.
        await Expect(page.Locator("[data-testid=import-mapping]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=mapping-0]")).ToHaveValueAsync("Company");
        await Expect(page.Locator("[data-testid=mapping-2]")).ToHaveValueAsync("Phone");
        await Expect(page.Locator("[data-testid=mapping-8]")).ToHaveValueAsync("");
        await Expect(page.Locator("[data-testid=import-preview]")).ToContainTextAsync("+15122407781");
        await Expect(page.Locator("[data-testid=import-preview]")).ToContainTextAsync("Rejected");
        await page.SelectOptionAsync("[data-testid=mapping-8]", "Notes");
        await Expect(page.Locator("[data-testid=mapping-8]")).ToHaveValueAsync("Notes");
        await Operator.ScreenshotAsync(page, "import-mapping");

        await page.ClickAsync("[data-testid=import-start]");
        await Expect(page.Locator("[data-testid=import-summary]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=import-progressbar]")).ToContainTextAsync("100");
        await Expect(page.Locator("[data-testid=summary-inserted]")).ToContainTextAsync("3");
        await Expect(page.Locator("[data-testid=summary-invalid]")).ToContainTextAsync("1");
        await Expect(page.Locator("[data-testid=summary-duplicates]")).ToContainTextAsync("1");
        await Operator.ScreenshotAsync(page, "import-summary");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=import-rejections]"));
        var report = await File.ReadAllTextAsync(await download.PathAsync());
        // The upload's own columns, then why and where, so that the rows can be fixed and imported again.
        Assert.Contains("Business,Owner Name,Office Phone,E-mail,ST,SIC Code,Annual Revenue,Title,Met Where,rejected because,line", report);
        Assert.Contains("Broken Row LLC,No Body,12345,not-an-email,TX,,,,,", report);
        Assert.Contains("no valid phone or e-mail", report, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("duplicate of row 2", report);

        // The grid, filtered to this import batch.
        await page.ClickAsync("[data-testid=import-view-prospects]");
        await Expect(page.Locator("[data-testid=prospect-import-filter]")).ToBeVisibleAsync();
        var grid = page.Locator("[data-testid=prospect-grid]");
        await Expect(grid).ToContainTextAsync("Lone Star HVAC");
        await Expect(grid).ToContainTextAsync("Prairie Dental");
        await Expect(grid).Not.ToContainTextAsync("Broken Row");
        await Operator.ScreenshotAsync(page, "prospects");

        // Bulk: tag everything on the page.
        await page.Locator("[data-testid=prospect-grid] thead .rz-chkbox-box").ClickAsync();
        await Operator.OpenDialogAsync(page, "[data-testid=bulk-tag]");
        await page.FillAsync(".rz-dialog [data-testid=tag-input]", "expo-2026");
        await page.ClickAsync(".rz-dialog [data-testid=tag-confirm]");
        await Expect(grid).ToContainTextAsync("expo-2026");

        // The detail page: the score breakdown, the mapped note, the timeline.
        await page.Locator("[data-testid=prospect-link]", new() { HasTextString = "Dale Gribble" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dale Gribble");
        await Expect(page.Locator("[data-testid=prospect-score]")).ToContainTextAsync("Owner or executive");
        await Expect(page.Locator("[data-testid=prospect-timeline]")).ToContainTextAsync("Imported from");
        await Expect(page.Locator(".oc-fields").First).ToContainTextAsync("met at expo");
        await Operator.ScreenshotAsync(page, "prospect-detail");

        // Enrichment (the built-in provider): the company website from the business e-mail's domain.
        await Operator.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=prospect-enrich]");
        await Expect(page.Locator("[data-testid=prospect-timeline]")).ToContainTextAsync("Enriched by derived");
        await Expect(page.Locator(".oc-fields").First).ToContainTextAsync("Websitelonestarhvac.com");

        // Do not contact: the prospect is flagged and the number lands on the suppression list.
        await Operator.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=prospect-dnc]");
        await page.Locator(".rz-dialog button", new() { HasTextString = "Yes, suppress" }).ClickAsync();
        await Expect(page.Locator("[data-testid=prospect-dnc-banner]")).ToBeVisibleAsync();
        await Operator.OpenSettingsAsync(page, "Suppression list", "Suppression list");
        await Expect(page.Locator("[data-testid=suppression-grid]")).ToContainTextAsync("+15122407781");
        await Operator.ScreenshotAsync(page, "suppression-list");
        File.Delete(file);
    }
}
