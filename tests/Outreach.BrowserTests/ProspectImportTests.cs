using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// An operator imports a small messy file through the UI with a tag for the whole list: the mapping preview, a
/// corrected column, the live progress bar to completion (and still), the rejected rows on the page and as a
/// download, then the grid, the detail page, a bulk action and the suppression list. Every page passes axe.
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
    public async Task An_operator_imports_a_messy_file_with_a_tag_fixes_a_mapping_watches_progress_and_downloads_the_report()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        await page.ClickAsync("[data-testid=prospect-import]");
        await page.Locator("h1", new() { HasTextString = "Import prospects" }).WaitForAsync();
        await Operator.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("import-history").Or(page.GetByText("No imports yet"))).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(page);

        var file = Path.Combine(Path.GetTempPath(), $"messy-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, Csv.Replace("\n", "\r\n"), Encoding.UTF8);
        await page.SetInputFilesAsync("[data-testid=import-file]", file);
        await page.FillAsync("[data-testid=import-tag]", "Expo-List");
        await page.ClickAsync("[data-testid=import-upload-button]");

        // The mapping page: headers recognised, one column left for the operator, the tag carried over.
        await Expect(page.GetByTestId("import-mapping")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mapping-0")).ToHaveValueAsync("Company");
        await Expect(page.GetByTestId("mapping-2")).ToHaveValueAsync("Phone");
        await Expect(page.GetByTestId("mapping-8")).ToHaveValueAsync("Custom field");
        await Expect(page.GetByTestId("import-tag")).ToHaveValueAsync("expo-list");
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("+15122407781");
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("Rejected");
        await Operator.WaitForCircuitAsync(page);
        await page.GetByTestId("mapping-8").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Notes", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("mapping-8")).ToHaveValueAsync("Notes");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Notes", Exact = true })).ToHaveCountAsync(0);
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "import-mapping");

        await page.ClickAsync("[data-testid=import-start]");
        await Expect(page.GetByTestId("import-summary")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var bar = page.GetByTestId("import-progressbar");
        await Expect(bar).ToContainTextAsync("100");
        await Expect(bar).ToHaveAttributeAsync("data-state", "complete");
        await Expect(page.GetByTestId("import-phase")).ToHaveTextAsync("Import complete");
        await ExpectStillAsync(bar);
        await Expect(page.GetByTestId("summary-inserted")).ToContainTextAsync("3");
        await Expect(page.GetByTestId("summary-invalid")).ToContainTextAsync("1");
        await Expect(page.GetByTestId("summary-duplicates")).ToContainTextAsync("1");
        await Expect(page.GetByTestId("import-tag-shown")).ToContainTextAsync("expo-list");

        // The rejected rows on the page, a page at a time, with their reasons.
        var rejected = page.GetByTestId("import-rejections-grid");
        await Expect(rejected).ToContainTextAsync("no valid phone or e-mail", new() { IgnoreCase = true });
        await Expect(rejected).ToContainTextAsync("duplicate of row 2");

        // The download is a real button, readable in light and in dark mode.
        var download = page.GetByTestId("import-rejections");
        await Expect(download).ToBeVisibleAsync();
        await Expect(download).ToContainTextAsync("Download rejected rows (2)");
        Assert.True(await ContrastAsync(download) >= 4.5, "The download button's text must stand out from what is behind it.");
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "import-summary");
        await SetAppearanceAsync(page, "dark");
        try
        {
            Assert.True(await ContrastAsync(download) >= 4.5, "In dark mode too.");
            await Operator.AssertAccessibleAsync(page);
        }
        finally
        {
            // The appearance is remembered for the account, which the other tests share.
            await SetAppearanceAsync(page, "system");
        }

        var downloaded = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        var report = await File.ReadAllTextAsync(await downloaded.PathAsync());
        // The upload's own columns, then why and where, so that the rows can be fixed and imported again.
        Assert.Contains("Business,Owner Name,Office Phone,E-mail,ST,SIC Code,Annual Revenue,Title,Met Where,rejected because,line", report);
        Assert.Contains("Broken Row LLC,No Body,12345,not-an-email,TX,,,,,", report);
        Assert.Contains("no valid phone or e-mail", report, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("duplicate of row 2", report);

        // The grid, filtered to this import batch: every prospect the import brought in carries its tag.
        await page.ClickAsync("[data-testid=import-view-prospects]");
        await Expect(page.GetByTestId("prospect-import-filter")).ToBeVisibleAsync();
        var grid = page.GetByTestId("prospect-grid");
        await Expect(grid).ToContainTextAsync("Lone Star HVAC");
        await Expect(grid).ToContainTextAsync("Prairie Dental");
        await Expect(grid).Not.ToContainTextAsync("Broken Row");
        await Expect(page.GetByTestId("prospect-link")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("prospect-tags-cell").Filter(new() { HasTextString = "expo-list" })).ToHaveCountAsync(3);
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "prospects");

        // Bulk: tag everything on the page.
        await Operator.WaitForCircuitAsync(page);
        await page.GetByTestId("prospect-select-page").CheckAsync();
        await Expect(page.GetByTestId("prospect-bulkbar")).ToContainTextAsync("3 selected");
        await Operator.OpenDialogAsync(page.GetByTestId("bulk-tag"));
        await page.GetByRole(AriaRole.Dialog).GetByTestId("tag-input").FillAsync("expo-2026");
        await page.GetByRole(AriaRole.Dialog).GetByTestId("tag-confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("prospect-tags-cell").Filter(new() { HasTextString = "expo-2026" })).ToHaveCountAsync(3);
        // The confirmation is a toast that leaves by itself (axe would catch it fading on the next page).
        await Expect(page.GetByText("Tagged \"expo-2026\": 3 prospects changed.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Tagged \"expo-2026\": 3 prospects changed.")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        // The detail page: the score breakdown, the mapped note, the import's tag, the timeline.
        await page.GetByTestId("prospect-link").Filter(new() { HasTextString = "Dale Gribble" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dale Gribble");
        await Expect(page.GetByTestId("prospect-score")).ToContainTextAsync("Owner or executive");
        await Expect(page.GetByTestId("prospect-timeline")).ToContainTextAsync("Imported from");
        await Expect(page.GetByTestId("prospect-fields")).ToContainTextAsync("met at expo");
        await Expect(page.GetByTestId("prospect-tags")).ToContainTextAsync("expo-list");
        await Expect(page.GetByTestId("prospect-messages")).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "prospect-detail");

        // The editor, opened from the detail page: accessible, and a broken e-mail is an error beside its field.
        await Operator.WaitForCircuitAsync(page);
        await Operator.OpenDialogAsync(page.GetByTestId("prospect-edit"));
        var editor = page.GetByRole(AriaRole.Dialog);
        await Expect(editor.GetByTestId("edit-Company")).ToHaveValueAsync("Lone Star HVAC");
        await Operator.AssertAccessibleAsync(page);
        await editor.GetByTestId("edit-Email").FillAsync("dale@");
        await editor.GetByTestId("prospect-save").ClickAsync();
        await Expect(editor.GetByTestId("field-Email")).ToContainTextAsync("Not an e-mail address");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // Enrichment (the built-in provider): the company website from the business e-mail's domain.
        await page.ClickAsync("[data-testid=prospect-enrich]");
        await Expect(page.GetByTestId("prospect-timeline")).ToContainTextAsync("Enriched by derived");
        await Expect(page.GetByTestId("prospect-fields")).ToContainTextAsync("Websitelonestarhvac.com");

        // Do not contact: the prospect is flagged and the number lands on the suppression list.
        await Operator.OpenDialogAsync(page.GetByTestId("prospect-dnc"));
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Yes, suppress" }).ClickAsync();
        await Expect(page.GetByTestId("prospect-dnc-banner")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("prospect-dnc-banner")).ToContainTextAsync("Phone: added by hand");
        await Operator.OpenSettingsAsync(page, "Suppression list", "Suppression list");
        await Expect(page.Locator("[data-testid=suppression-grid]")).ToContainTextAsync("+15122407781");
        await Operator.ScreenshotAsync(page, "suppression-list");
        File.Delete(file);
    }

    [Fact]
    public async Task The_prospect_grid_shows_score_status_and_tags_at_1440_and_never_widens_the_page_down_to_390()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.NavigateAsync(page, "Prospects", "Prospects");

        // A prospect with long values everywhere, the kind that pushed the old grid's columns out of its box.
        var suffix = Random.Shared.Next(1000, 9999);
        await Operator.OpenDialogAsync(page.GetByTestId("prospect-new"));
        var editor = page.GetByRole(AriaRole.Dialog);
        await editor.GetByTestId("edit-FirstName").FillAsync("Bartholomew");
        await editor.GetByTestId("edit-LastName").FillAsync($"Worthington-Smythe {suffix}");
        await editor.GetByTestId("edit-Company").FillAsync("Worthington-Smythe Heating, Ventilation and Air Conditioning Holdings of Greater Austin");
        await editor.GetByTestId("edit-Title").FillAsync("Founder, Owner and Chief Executive Officer");
        await editor.GetByTestId("edit-Phone").FillAsync($"(512) 244-{suffix}");
        await editor.GetByTestId("edit-Email").FillAsync($"bartholomew.worthington-smythe.{suffix}@worthingtonsmythe-hvac-holdings.com");
        await editor.GetByTestId("edit-Tags").FillAsync("commercial-hvac, austin-metro, expo-2026, follow-up-q1");
        await editor.GetByTestId("prospect-save").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Bartholomew");
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        var grid = page.GetByTestId("prospect-grid");
        await Expect(page.GetByTestId("prospect-link").First).ToBeVisibleAsync();

        var box = (await grid.BoundingBoxAsync())!;
        foreach (var column in new[] { "Name", "Score", "Status", "Tags", "Added" })
        {
            var header = (await grid.GetByRole(AriaRole.Columnheader, new() { Name = column }).BoundingBoxAsync())!;
            Assert.True(header.X >= box.X - 1 && header.X + header.Width <= box.X + box.Width + 1,
                $"The {column} column ({header.X:0}–{header.X + header.Width:0}) lies outside the grid's box ({box.X:0}–{box.X + box.Width:0}).");
            Assert.True(header.X + header.Width <= 1440, $"The {column} column ends at {header.X + header.Width:0}, beyond the window.");
        }
        await Expect(grid.GetByTestId("prospect-score-cell").First).ToBeInViewportAsync();
        Assert.True(await ScrollsSidewaysAsync(page) == 0, $"The page scrolls sideways at 1440 px: {await WidestAsync(page)}");
        var widths = await grid.EvaluateAsync<int[]>("g => { const t = g.querySelector('table'); return [t.scrollWidth, t.parentElement.clientWidth]; }");
        Assert.True(widths[0] <= widths[1] + 1, $"The grid's table is {widths[0]} px wide in a {widths[1]} px box at 1440 px.");

        foreach (var width in new[] { 1024, 390 })
        {
            await page.SetViewportSizeAsync(width, 844);
            await Expect(page.GetByTestId("prospect-link").First).ToBeVisibleAsync();
            Assert.True(await ScrollsSidewaysAsync(page) == 0, $"The page scrolls sideways at {width} px: {await WidestAsync(page)}");
        }
        await Operator.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Selecting_all_matching_prospects_reaches_past_the_first_page_and_untags_every_one()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        var exchange = Random.Shared.Next(250, 299);
        var tag = $"bulk-{exchange}";
        var rows = Enumerable.Range(0, 60).Select(i => $"Bulk Co {exchange}-{i},Bo Bulk {i},(737) {exchange}-{i:0000}");
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/prospects/import");
        await Operator.WaitForCircuitAsync(page);
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "bulk.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Business,Owner Name,Office Phone\r\n" + string.Join("\r\n", rows) + "\r\n"),
        });
        await page.GetByTestId("import-tag").FillAsync(tag);
        await page.GetByTestId("import-upload-button").ClickAsync();
        await Expect(page.GetByTestId("import-mapping")).ToBeVisibleAsync();
        await Operator.WaitForCircuitAsync(page);
        await page.GetByTestId("import-start").ClickAsync();
        await Expect(page.GetByTestId("summary-inserted")).ToContainTextAsync("60", new() { Timeout = 30_000 });
        await page.GetByTestId("import-view-prospects").ClickAsync();

        // Fifty on the page; the page selected; then everything the filter matches.
        await Expect(page.GetByTestId("prospect-link")).ToHaveCountAsync(50);
        await Operator.WaitForCircuitAsync(page);
        await page.GetByTestId("prospect-select-page").CheckAsync();
        await Expect(page.GetByTestId("prospect-bulkbar")).ToContainTextAsync("50 selected");
        await page.GetByTestId("prospect-select-all-matching").ClickAsync();
        await Expect(page.GetByTestId("prospect-bulkbar")).ToContainTextAsync("All 60 matching prospects");

        await Operator.OpenDialogAsync(page.GetByTestId("bulk-untag"));
        await page.GetByRole(AriaRole.Dialog).GetByTestId("tag-input").FillAsync(tag);
        await page.GetByRole(AriaRole.Dialog).GetByTestId("tag-confirm").ClickAsync();
        await Expect(page.GetByText($"Removed tag \"{tag}\": 60 prospects changed.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("prospect-bulkbar")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("prospect-tags-cell").Filter(new() { HasTextString = tag })).ToHaveCountAsync(0);

        // Filtered by the tag, nothing is left: the second page was reached too.
        await page.GetByTestId("prospect-import-filter-clear").ClickAsync();
        await Expect(page.GetByTestId("prospect-import-filter")).ToHaveCountAsync(0);
        await page.GetByTestId("prospect-tag-filter").FillAsync(tag);
        await page.GetByTestId("prospect-tag-filter").PressAsync("Enter");
        await Expect(page.GetByText("No prospects match")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Creating_a_prospect_by_hand_reports_a_number_already_taken_beside_the_phone()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        var phone = $"(512) 243-{Random.Shared.Next(1000, 9999)}";

        await Operator.OpenDialogAsync(page.GetByTestId("prospect-new"));
        var editor = page.GetByRole(AriaRole.Dialog);
        await Operator.AssertAccessibleAsync(page);
        await editor.GetByTestId("edit-Company").FillAsync("First Of Two");
        await editor.GetByTestId("edit-Phone").FillAsync(phone);
        await editor.GetByTestId("prospect-save").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("First Of Two");

        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        await Operator.OpenDialogAsync(page.GetByTestId("prospect-new"));
        await editor.GetByTestId("edit-Company").FillAsync("Second Of Two");
        await editor.GetByTestId("edit-Phone").FillAsync(phone);
        await editor.GetByTestId("prospect-save").ClickAsync();

        await Expect(editor.GetByTestId("field-Phone")).ToContainTextAsync("Another prospect already has the phone number");
        await Expect(editor.GetByTestId("prospect-editor-error")).ToHaveCountAsync(0);
    }

    /// <summary>How far the page itself scrolls sideways (0 when everything fits the window).</summary>
    private static Task<int> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");

    /// <summary>The innermost elements that reach past the window's right edge, to say what widens the page.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
          .slice(0, 8)
          .map(e => `${e.tagName.toLowerCase()}${e.dataset.testid ? '[' + e.dataset.testid + ']' : ''}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`)
          .join(', ')
        """);

    /// <summary>
    /// Nothing in the bar moves: no endless animation at all, and any transition from the last value has ended.
    /// </summary>
    private static async Task ExpectStillAsync(ILocator bar)
    {
        Assert.Equal(0, await bar.EvaluateAsync<int>("b => b.getAnimations({ subtree: true }).filter(a => a.effect?.getTiming().iterations === Infinity).length"));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await bar.EvaluateAsync<int>("b => b.getAnimations({ subtree: true }).filter(a => a.playState === 'running').length") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The progress bar still moves after the import completed.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The contrast ratio (WCAG) between an element's text colour and the first opaque background behind it.
    /// </summary>
    private static Task<double> ContrastAsync(ILocator element) => element.EvaluateAsync<double>("""
        el => {
          const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
          const luminance = ([r, g, b]) => {
            const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
          };
          let back = null;
          for (let node = el; node && !back; node = node.parentElement) {
            const c = rgb(getComputedStyle(node).backgroundColor);
            if (c.length >= 3 && (c.length < 4 || c[3] === 1)) { back = c; }
          }
          back = back || [255, 255, 255];
          const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(back)];
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """);

    private static async Task SetAppearanceAsync(IPage page, string appearance)
    {
        await page.GetByTestId("appearance-button").ClickAsync();
        await page.GetByTestId($"appearance-{appearance}").ClickAsync();
        // The theme's page background: the dark palette's, or the light one's (the test browser's system is light).
        await page.WaitForFunctionAsync($"() => getComputedStyle(document.body).backgroundColor === '{(appearance == "dark" ? "rgb(11, 18, 32)" : "rgb(244, 246, 251)")}'");
    }
}
