using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Reports;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;

namespace Outreach.Console.Tests;

/// <summary>Who may export what, over real HTTP with real sign-ins; every export lands in the audit log.</summary>
[Collection(ConsoleCollection.Name)]
public class ReportEndpointTests(ConsoleFactory factory)
{
    private const string Period = "from=2026-11-02&to=2026-11-08";

    [Theory]
    [InlineData(TeamRole.Viewer, "/reports/export.xlsx?" + Period, HttpStatusCode.OK)]
    [InlineData(TeamRole.Viewer, "/reports/export.xlsx?raw=audit-log&" + Period, HttpStatusCode.OK)]
    [InlineData(TeamRole.Viewer, "/reports/export/by-agent.csv?" + Period, HttpStatusCode.OK)]
    [InlineData(TeamRole.Viewer, "/reports/export.xlsx?raw=prospects&" + Period, HttpStatusCode.Forbidden)]
    [InlineData(TeamRole.Agent, "/reports/export.xlsx?raw=messages&" + Period, HttpStatusCode.Forbidden)]
    [InlineData(TeamRole.Agent, "/reports/export/prospects.csv?" + Period, HttpStatusCode.Forbidden)]
    [InlineData(TeamRole.Manager, "/reports/export.xlsx?raw=prospects,messages,conversations,suppression,audit-log&" + Period, HttpStatusCode.OK)]
    [InlineData(TeamRole.Manager, "/reports/export/prospects.csv?" + Period, HttpStatusCode.OK)]
    [InlineData(TeamRole.Manager, "/reports/export/nothing.csv?" + Period, HttpStatusCode.NotFound)]
    [InlineData(TeamRole.Manager, "/reports/export.xlsx?from=2026-11-08&to=2026-11-02", HttpStatusCode.BadRequest)]
    public async Task Exports_are_open_to_the_roles_allowed_to_see_their_data(TeamRole role, string path, HttpStatusCode expected)
    {
        var client = factory.CreateBrowserlikeClient();
        var email = await factory.CreateMemberAsync(role, "Member-Pass-1234");
        await SignInForm.SignInAsync(client, email, "Member-Pass-1234");
        var before = await ExportAuditsAsync();

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(before + 1, await ExportAuditsAsync());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
        else
        {
            Assert.Equal(before, await ExportAuditsAsync());
        }
        if (expected == HttpStatusCode.OK && path.Contains(".xlsx", StringComparison.Ordinal))
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            Assert.Empty(new OpenXmlValidator().Validate(document));
            Assert.Contains("attachment; filename=\"outreach-report", response.Content.Headers.ContentDisposition?.ToString());
        }
    }

    [Theory]
    [InlineData("preset=today", 1)]
    [InlineData("", 7)]
    [InlineData("preset=last7", 7)]
    public async Task An_export_reads_its_period_as_the_reports_page_does_and_today_is_in_it(string query, int days)
    {
        var client = factory.CreateBrowserlikeClient();
        var email = await factory.CreateMemberAsync(TeamRole.Viewer, "Member-Pass-1234");
        await SignInForm.SignInAsync(client, email, "Member-Pass-1234");
        var today = ReportPeriod.Today(await TeamZoneAsync(), TimeProvider.System);

        using var response = await client.GetAsync("/reports/export/summary.csv?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"outreach-summary-{today.AddDays(1 - days):yyyy-MM-dd}-to-{today:yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Theory]
    [InlineData("from=garbage&to=2026-11-08", "invalid date")]
    [InlineData("preset=someday", "not a report preset")]
    public async Task An_export_of_a_period_that_does_not_exist_says_why(string query, string reason)
    {
        var client = factory.CreateBrowserlikeClient();
        var email = await factory.CreateMemberAsync(TeamRole.Viewer, "Member-Pass-1234");
        await SignInForm.SignInAsync(client, email, "Member-Pass-1234");

        using var response = await client.GetAsync("/reports/export.xlsx?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_out_visitors_get_no_export()
    {
        using var response = await factory.CreateBrowserlikeClient().GetAsync("/reports/export.xlsx?" + Period);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.ToString());
    }

    private async Task<string> TeamZoneAsync()
    {
        await using var db = factory.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        return await db.Teams.OrderBy(t => t.CreatedAt).Select(t => t.TimeZone).FirstAsync();
    }

    private async Task<int> ExportAuditsAsync()
    {
        await using var db = factory.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        return await db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReportExported);
    }
}
