using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// A manager opens the reports page for a past week, reads the numbers, exports the workbook with the raw
/// messages from the page, and the downloaded file opens, validates, and holds the same numbers as the screen.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ReportTests(ConsoleCluster cluster)
{
    // A week no other test writes into, so the page and the workbook see the same rows.
    private const string From = "2026-01-05";
    private const string To = "2026-01-11";

    [Fact]
    public async Task The_reports_page_and_its_exported_workbook_show_the_same_numbers()
    {
        await SeedWeekAsync();
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/reports?from={From}&to={To}");
        await Operator.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=report-period]")).ToContainTextAsync("5 Jan 2026 to 11 Jan 2026");
        await Expect(page.Locator("[data-testid=tile-sent]")).ToContainTextAsync("4");
        await Expect(page.Locator("[data-testid=chart-trend]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=breakdown-by-sending-number]")).ToContainTextAsync("+17372400801");

        var screen = new Dictionary<string, string>();
        foreach (var row in await page.Locator("[data-testid=report-summary] tbody tr").AllAsync())
        {
            screen[(await row.GetAttributeAsync("data-label"))!] = (await row.Locator("td").Nth(1).GetAttributeAsync("data-value"))!;
        }
        Assert.Equal("4", screen["Sent"]);
        Assert.Equal("2", screen["Replies"]);
        Assert.Equal("1", screen["Hot leads"]);
        // Tall enough for the tiles and both charts.
        await page.SetViewportSizeAsync(1440, 1240);
        await Operator.ScreenshotAsync(page, "reports");
        await page.SetViewportSizeAsync(1440, 900);
        await Operator.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Messages", Exact = true }).CheckAsync();
        // The button's link is rendered by the server: wait for the round trip that adds the sheet to it.
        await Expect(page.Locator("[data-testid=report-export]")).ToHaveAttributeAsync("data-oc-download", new Regex("raw=messages"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=report-export]"));
        Assert.Equal($"outreach-report-data-{From}-to-{To}.xlsx", download.SuggestedFilename);
        await Expect(page.Locator("[data-testid=report-download-progress]")).ToContainTextAsync("Downloaded");

        using var document = SpreadsheetDocument.Open(await download.PathAsync(), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var workbook = Sheets(document);
        Assert.Contains("Messages", workbook.Keys);
        var summary = workbook["Summary"].Skip(1).ToDictionary(r => r[0]!, r => r[1]);
        foreach (var (label, value) in screen)
        {
            // Excel keeps 15 significant digits, and so does the workbook; the page's attribute has the whole double.
            var expected = value.Length == 0 ? (double?)null : double.Parse(double.Parse(value, CultureInfo.InvariantCulture).ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var cell = summary[label];
            var actual = cell is null ? (double?)null : double.Parse(cell, CultureInfo.InvariantCulture);
            if (label.Contains("time to first human response", StringComparison.Ordinal) && actual is { } days)
            {
                actual = Math.Round(days * 86400, 3); // the sheet stores days; the page, seconds
            }
            Assert.True(expected == actual, $"{label}: the page shows {value}, the workbook holds {cell}");
        }
        var messages = workbook["Messages"];
        Assert.Equal(6, messages.Count - 1);
        Assert.Contains(messages, r => r.Contains("'=cmd|' /C calc'!A0"));

        // The weekly summary e-mail: switched on with a recipient, and still so after a reload.
        // Switched on without an address, the field says what is missing and nothing is saved.
        await page.GetByRole(AriaRole.Switch, new() { Name = "Send weekly" }).CheckAsync();
        await page.FillAsync("[data-testid=weekly-recipients]", "");
        await page.ClickAsync("[data-testid=weekly-save]");
        await Expect(page.Locator("[data-testid=weekly-report]")).ToContainTextAsync("Give at least one address to send the weekly report to.");
        await page.FillAsync("[data-testid=weekly-recipients]", "ops@browser.test");
        await page.ClickAsync("[data-testid=weekly-save]");
        await Expect(page.GetByText("Saved: the weekly report will be e-mailed.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Operator.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=weekly-recipients]")).ToHaveValueAsync("ops@browser.test");
    }

    [Fact]
    public async Task The_default_period_and_the_today_preset_include_todays_messages()
    {
        await SeedThreadAsync("+17372400803", "+17372411803", at: null);
        var page = await OpenReportsAsync("/reports");

        // The first tab (sending numbers) is open: today's send is in it, not only from tomorrow on.
        await Expect(page.Locator("[data-testid=breakdown-by-sending-number]")).ToContainTextAsync("+17372400803");
        await page.GetByRole(AriaRole.Button, new() { Name = "Today", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("preset=today"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Today", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("[data-testid=breakdown-by-sending-number]")).ToContainTextAsync("+17372400803");
    }

    [Fact]
    public async Task Changing_the_period_reloads_the_open_breakdown_tab()
    {
        await SeedThreadAsync("+17372400804", "+17372411804", new DateTimeOffset(2026, 1, 13, 15, 0, 0, TimeSpan.Zero));
        var page = await OpenReportsAsync("/reports?from=2026-01-12&to=2026-01-18");
        var january = page.Locator("[data-testid=breakdown-by-sending-number]", new() { HasTextString = "+17372400804" });
        await Expect(january).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Last 30 days", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-testid=report-period]")).Not.ToContainTextAsync("12 Jan 2026 to 18 Jan 2026");
        await Expect(january).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_period_and_the_open_tab_are_in_the_address_and_a_rate_without_its_population_is_not_shown()
    {
        await SeedThreadAsync("+17372400805", "+17372411805", new DateTimeOffset(2026, 1, 20, 15, 0, 0, TimeSpan.Zero));
        var page = await OpenReportsAsync("/reports?from=2026-01-19&to=2026-01-25&tab=by-campaign");

        await Expect(page.Locator("[data-testid=report-period]")).ToContainTextAsync("19 Jan 2026 to 25 Jan 2026");
        await Expect(page.Locator("[data-testid=report-export]")).ToHaveAttributeAsync("data-oc-download", new Regex("from=2026-01-19&to=2026-01-25"));
        // The reply answers a message of no campaign: "No campaign" collects replies to nothing sent in the period as
        // well, so its replies are not a share of its sends.
        var none = page.Locator("[data-testid=breakdown-by-campaign] tbody tr", new() { HasTextString = "No campaign" });
        await Expect(none.Locator("[data-metric=replies]")).ToHaveAttributeAsync("data-value", "1");
        await Expect(none.Locator("[data-metric=reply_rate]")).ToHaveAttributeAsync("data-value", "");
        await Expect(none.Locator("[data-metric=delivery_rate]")).ToHaveAttributeAsync("data-value", "1");

        await page.GetByRole(AriaRole.Tab, new() { Name = "State", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=by-state"));
        await page.ReloadAsync();
        await Operator.WaitForCircuitAsync(page);

        await Expect(page.Locator("[data-testid=report-period]")).ToContainTextAsync("19 Jan 2026 to 25 Jan 2026");
        await Expect(page.Locator("[data-testid=breakdown-by-state]")).ToContainTextAsync("TX");
    }

    [Fact]
    public async Task An_invalid_date_in_the_address_is_reported_and_nothing_is_exported()
    {
        var page = await OpenReportsAsync("/reports?from=garbage&to=2026-01-25");

        await Expect(page.Locator("[data-testid=report-error]")).ToContainTextAsync("invalid date");
        await Expect(page.Locator("[data-testid=report-export]")).ToBeDisabledAsync();
    }

    private async Task<IPage> OpenReportsAsync(string path)
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        await page.GotoAsync(cluster.NodeA.BaseUrl + path);
        await Operator.WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Each sheet's rows as cell texts or numbers (invariant), as the Open XML SDK reads them.</summary>
    private static Dictionary<string, List<string?[]>> Sheets(SpreadsheetDocument document)
    {
        var result = new Dictionary<string, List<string?[]>>();
        foreach (var sheet in document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
            result[sheet.Name!] = part.Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString?.Text?.Text : c.CellValue?.Text).ToArray())
                .ToList();
        }
        return result;
    }

    /// <summary>
    /// A manual message from a number of its own to a prospect in Texas, delivered at <paramref name="at"/> (now when
    /// null), and, for a past time, the prospect's reply ten minutes later. The thread is done, so no inbox lists it.
    /// </summary>
    private async Task SeedThreadAsync(string number, string prospectPhone, DateTimeOffset? at)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH team AS (SELECT id FROM teams WHERE name = 'Demo Brokerage'),
            number AS (
                INSERT INTO sending_numbers (id, team_id, number, provider, label, is_active, next_slot_at, created_at)
                SELECT gen_random_uuid(), team.id, @number, 'simulator', 'Report test', false, now(), now() FROM team
                RETURNING id, team_id
            ),
            prospect AS (
                INSERT INTO prospects (id, team_id, full_name, phone, state, sector, revenue_tier, tags, custom_fields, status, engagement_score,
                                       do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
                SELECT gen_random_uuid(), number.team_id, 'Report Prospect', @phone, 'TX', 'Construction', 'Growth', ARRAY[]::text[], '{}',
                       'New', 0, false, false, false, now(), now() FROM number
                RETURNING id, team_id
            ),
            conversation AS (
                INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
                SELECT gen_random_uuid(), prospect.team_id, prospect.id, number.id, @phone, 'Done', 'Other', 'Cold', 0, now()
                FROM prospect, number
                RETURNING id, team_id
            )
            INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, segments, cost, attempts,
                                  sent_by_name, classification, created_at, sent_at, delivered_at)
            SELECT gen_random_uuid(), c.team_id, c.id, m.direction, m.source, m.body, @number, @phone, 'Delivered', 'simulator', 1, m.cost, 1,
                   m.agent, m.kind, m.at, CASE WHEN m.direction = 'Outbound' THEN m.at END, m.at
            FROM conversation c, (VALUES
                ('Outbound', 'Manual', 'Are you still hiring?', 0.0079, 'Owner', NULL, coalesce(@at, now())),
                ('Inbound', NULL, 'Yes, interested', NULL, NULL, 'Interested', @at + interval '10 minutes')
            ) AS m(direction, source, body, cost, agent, kind, at)
            WHERE m.at IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("number", number);
        command.Parameters.AddWithValue("phone", prospectPhone);
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)at?.UtcDateTime ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    private async Task SeedWeekAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH team AS (SELECT id FROM teams WHERE name = 'Demo Brokerage'),
            number AS (
                INSERT INTO sending_numbers (id, team_id, number, provider, label, is_active, next_slot_at, created_at)
                SELECT gen_random_uuid(), team.id, '+17372400801', 'simulator', 'Report test', false, now(), now() FROM team
                RETURNING id, team_id
            ),
            prospect AS (
                INSERT INTO prospects (id, team_id, full_name, phone, state, sector, revenue_tier, tags, custom_fields, status, engagement_score,
                                       do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
                SELECT gen_random_uuid(), number.team_id, 'Report Prospect', '+17372411801', 'TX', 'Construction', 'Growth', ARRAY[]::text[], '{}',
                       'New', 0, false, false, false, now(), now() FROM number
                RETURNING id, team_id
            ),
            conversation AS (
                INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
                SELECT gen_random_uuid(), prospect.team_id, prospect.id, number.id, '+17372411801', 'Open', 'Other', 'Cold', 0, now()
                FROM prospect, number
                RETURNING id, team_id
            )
            INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, segments, cost, attempts,
                                  sent_by_name, classification, created_at, sent_at, delivered_at)
            SELECT gen_random_uuid(), c.team_id, c.id, m.direction, m.source, m.body, '+17372400801', '+17372411801', m.status, 'simulator', 1, m.cost, 1,
                   m.agent, m.kind, m.at, CASE WHEN m.direction = 'Outbound' THEN m.at END, CASE WHEN m.status = 'Delivered' THEN m.at END
            FROM conversation c, (VALUES
                ('Outbound', 'Campaign', 'Hi there', 'Delivered', 0.0079, NULL, NULL, timestamptz '2026-01-06 15:00Z'),
                ('Inbound', NULL, 'Yes, interested', 'Delivered', NULL, NULL, 'Interested', timestamptz '2026-01-06 15:10Z'),
                ('Outbound', 'Manual', 'Great, when can we talk?', 'Delivered', 0.0079, 'Owner', NULL, timestamptz '2026-01-06 15:25Z'),
                ('Inbound', NULL, '=cmd|'' /C calc''!A0', 'Delivered', NULL, NULL, 'Other', timestamptz '2026-01-07 16:00Z'),
                ('Outbound', 'Manual', 'Sorry?', 'Failed', NULL, 'Owner', NULL, timestamptz '2026-01-07 16:30Z'),
                ('Outbound', 'Campaign', 'Following up', 'Delivered', 0.0079, NULL, NULL, timestamptz '2026-01-09 15:00Z')
            ) AS m(direction, source, body, status, cost, agent, kind, at);
            -- As the ingest does: a reply answers the last message handed over before it.
            UPDATE messages SET answers_message_id = app_answered_message(conversation_id, created_at)
            WHERE direction = 'Inbound' AND "from" = '+17372400801';
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
