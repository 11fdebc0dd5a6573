using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Prospects;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Import;
using Outreach.Infrastructure.Prospects;
using Outreach.Infrastructure.Suppression;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Import;

/// <summary>
/// The import end to end on a real PostgreSQL: upload, the COPY into staging, the set-based merge, the
/// duplicate policies, suppression, the rejected-row report, cancellation and tenant isolation.
/// </summary>
public class ProspectImportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly AuditActor Actor = new(Guid.NewGuid(), "Test Operator");

    private const string Header = "Company Name,First,Last,Phone 1,E-mail,State,SIC,Revenue,Title,List Source";

    [Fact]
    public async Task A_messy_file_imports_valid_rows_and_reports_every_rejected_row_with_its_number()
    {
        var team = await CreateTeamAsync();
        var csv = string.Join("\n",
            Header,
            "Acme Plumbing,John,Smith,(415) 867-0134,JOHN@ACME.COM,California,1711,$1.5M,Owner,vendor-a",
            "",
            "\"Baker, Sons & Co\",Mary,Baker,415.867.0198 ext 12,,TX,5812,\"750,000\",CEO,vendor-a",
            "No Contact LLC,Nobody,Here,123,not-an-email,NY,,,,vendor-b",
            "Acme Again,Jim,Smith,+1 415 867 0134,,CA,,,,vendor-b",
            "Short Row Inc,Ann,Lee,2128670147");

        var import = await ImportAsync(team, csv, DuplicatePolicy.Skip);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal(5, import.TotalRows);
        Assert.Equal(3, import.Inserted);
        Assert.Equal(1, import.Duplicates);
        Assert.Equal(1, import.Invalid);
        await using var db = fixture.TeamContext(team);
        var prospects = await db.Set<Prospect>().Where(p => p.ImportId == import.Id).OrderBy(p => p.Company).ToListAsync();
        Assert.Equal(["Acme Plumbing", "Baker, Sons & Co", "Short Row Inc"], prospects.Select(p => p.Company));
        var acme = prospects[0];
        Assert.Equal("+14158670134", acme.Phone);
        Assert.Equal("john@acme.com", acme.Email);
        Assert.Equal("CA", acme.State);
        Assert.Equal(RevenueTier.MainStreet, acme.RevenueTier);
        Assert.True(acme.IsOwnerOrExecutive);
        Assert.Equal("John Smith", acme.FullName);
        Assert.Contains("vendor-a", acme.CustomFields);
        Assert.Equal(LeadScoring.Score(true, false, false, RevenueTier.MainStreet).Total, acme.Score);
        Assert.Equal("12", prospects[1].PhoneExtension);

        var report = await RejectionReportAsync(team, import.Id);
        Assert.Contains(",5\n", report);
        Assert.Contains(",6\n", report);
        Assert.Contains("duplicate of row 2", report);
    }

    [Fact]
    public async Task The_rejected_rows_report_keeps_the_uploads_columns_in_order_with_the_reason_and_line_after_them()
    {
        var team = await CreateTeamAsync();
        var csv = string.Join("\n",
            Header,
            "\"Smith, Jones & Co\",Al,Smith,123,not-an-email,NY,,,=HYPERLINK(\"http://x\"),vendor-a",
            "Good Co,Bo,Good,2128670161,,NY,,,,vendor-a",
            "Good Again,Bo,Good,+1 212 867 0161,,NY,,,,vendor-b,extra cell");

        var import = await ImportAsync(team, csv, DuplicatePolicy.Skip);

        Assert.Equal((1, 1, 1), (import.Inserted, import.Invalid, import.Duplicates));
        var lines = (await RejectionReportAsync(team, import.Id)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header + ",,rejected because,line", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"Smith, Jones & Co\",Al,Smith,123,not-an-email,NY,,,\"'=HYPERLINK(\"\"http://x\"\")\",vendor-a,,", lines[1]);
        Assert.EndsWith(",2", lines[1]);
        Assert.StartsWith("Good Again,Bo,Good,'+1 212 867 0161,,NY,,,,vendor-b,extra cell,duplicate of row 3", lines[2]);
        Assert.EndsWith(",4", lines[2]);
    }

    [Fact]
    public async Task A_binary_file_renamed_csv_is_refused_at_upload_with_a_reason_and_nothing_is_kept()
    {
        var team = await CreateTeamAsync();
        await using var scope = ScopeFor(team);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        byte[] image = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0x00, 0x01];
        byte[] workbook = [(byte)'P', (byte)'K', 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. Encoding.ASCII.GetBytes("[Content_Types].xml")];

        var notText = await Assert.ThrowsAsync<ImportRejectedException>(() => imports.UploadAsync("photo.csv", new MemoryStream(image), Actor, default));
        var spreadsheet = await Assert.ThrowsAsync<ImportRejectedException>(() => imports.UploadAsync("leads.csv", new MemoryStream(workbook), Actor, default));

        Assert.Contains("not a CSV file", notText.Message);
        Assert.Contains("Save it as CSV", spreadsheet.Message);
        await using var db = fixture.TeamContext(team);
        Assert.Equal(0, await db.Set<ProspectImport>().CountAsync());
    }

    [Fact]
    public async Task A_file_with_only_a_header_row_is_refused_at_upload_saying_it_has_no_data_rows()
    {
        var team = await CreateTeamAsync();
        await using var scope = ScopeFor(team);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();

        var error = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            imports.UploadAsync("empty.csv", new MemoryStream(Encoding.UTF8.GetBytes(Header + "\r\n\r\n,,,\r\n")), Actor, default));

        Assert.Contains("no data rows", error.Message);
    }

    [Fact]
    public async Task Binary_data_after_a_text_beginning_fails_the_import_with_the_line_and_imports_nothing()
    {
        var team = await CreateTeamAsync();
        var text = Encoding.UTF8.GetBytes(Header + "\nFine Co,Fay,Fine,3038670171,,CO,,,,x\n");
        var padding = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"Pad Co,P,Pad,,pad{i}@example.com,CO,,,,x\n")));
        byte[] file = [.. text, .. padding, .. Encoding.UTF8.GetBytes("Nul Co,N"), 0x00, .. Encoding.UTF8.GetBytes("ul,Nul,3038670172,,CO,,,,x\n")];

        var import = await ImportAsync(team, file, DuplicatePolicy.Skip);

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Contains("Line 2003", import.Error);
        Assert.Contains("binary data", import.Error);
        await using var db = fixture.TeamContext(team);
        Assert.Equal(0, await db.Set<Prospect>().CountAsync());
    }

    [Fact]
    public async Task An_upload_left_without_a_mapping_past_the_limit_expires_and_its_file_is_deleted()
    {
        var team = await CreateTeamAsync();
        Guid abandoned, recent;
        await using (var scope = ScopeFor(team))
        {
            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            abandoned = (await imports.UploadAsync("old.csv", new MemoryStream(Encoding.UTF8.GetBytes(Header + "\nA,B,C,4186750101,,CA,,,,x")), Actor, default)).ImportId;
            recent = (await imports.UploadAsync("new.csv", new MemoryStream(Encoding.UTF8.GetBytes(Header + "\nA,B,C,4186750102,,CA,,,,x")), Actor, default)).ImportId;
        }
        await using (var db = fixture.SystemContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE prospect_imports SET created_at = now() - interval '25 hours' WHERE id = {abandoned}");
        }
        var files = fixture.Services.GetRequiredService<ImportFiles>();

        await fixture.Services.GetRequiredService<ImportRunner>().ExpireAbandonedAsync(default);

        await using var check = fixture.TeamContext(team);
        var expired = await check.Set<ProspectImport>().SingleAsync(i => i.Id == abandoned);
        Assert.Equal(ImportStatus.Expired, expired.Status);
        Assert.Contains("within 24 hours", expired.Error);
        Assert.NotNull(expired.FinishedAt);
        Assert.False(files.Exists(abandoned));
        Assert.Equal(ImportStatus.Queued, (await check.Set<ProspectImport>().SingleAsync(i => i.Id == recent)).Status);
        Assert.True(files.Exists(recent));
    }

    [Fact]
    public async Task Rows_matching_existing_prospects_follow_the_chosen_policy()
    {
        var team = await CreateTeamAsync();
        await ImportAsync(team, Header + "\nOriginal Co,Ann,Original,2128670101,ann@original.com,NY,,,,first", DuplicatePolicy.Skip);

        var skipped = await ImportAsync(team, Header + "\nChanged Co,Ann,Changed,2128670101,,NY,,,Owner,second", DuplicatePolicy.Skip);
        var filled = await ImportAsync(team, Header + "\nChanged Co,Ann,Changed,212-867-0101,,NY,7372,$3M,Owner,third", DuplicatePolicy.FillBlanks);
        var afterFill = await SingleAsync(team, "+12128670101");
        var overwritten = await ImportAsync(team, Header + "\nOverwritten Co,Ann,Over,2128670101,ann@new.com,NJ,,,,fourth", DuplicatePolicy.Overwrite);
        var afterOverwrite = await SingleAsync(team, "+12128670101");

        Assert.Equal((0, 0, 1), (skipped.Inserted, skipped.Updated, skipped.Duplicates));
        Assert.Equal((0, 1), (filled.Inserted, filled.Updated));
        Assert.Equal("Original Co", afterFill.Company);
        Assert.Equal("Owner", afterFill.Title);
        Assert.Equal(RevenueTier.Growth, afterFill.RevenueTier);
        Assert.Equal("7372", afterFill.Sic);
        Assert.Equal((0, 1), (overwritten.Inserted, overwritten.Updated));
        Assert.Equal("Overwritten Co", afterOverwrite.Company);
        Assert.Equal("ann@new.com", afterOverwrite.Email);
        Assert.Equal("NJ", afterOverwrite.State);
        Assert.Equal("Owner", afterOverwrite.Title);
        await using var db = fixture.TeamContext(team);
        Assert.Equal(2, await db.Set<ProspectActivity>().CountAsync(a => a.ProspectId == afterOverwrite.Id && a.Kind == ProspectActivityKinds.UpdatedByImport));
    }

    [Fact]
    public async Task An_imports_tag_goes_on_every_prospect_it_creates_or_updates_and_on_no_other()
    {
        var team = await CreateTeamAsync();
        await ImportAsync(team, Header + "\nKept Co,Kim,Kept,2128670111,,NY,,,,old\nUpdated Co,Uma,Updated,2128670112,,NY,,,,old", DuplicatePolicy.Skip);
        await using (var db = fixture.SystemContext())
        {
            // A prospect that already carries the tag keeps one copy of it.
            await db.Database.ExecuteSqlAsync($"UPDATE prospects SET tags = ARRAY['expo-2026'] WHERE team_id = {team} AND phone = '+12128670112'");
        }

        var import = await ImportAsync(team,
            Header + "\nNew Co,Ned,New,2128670113,,NY,,,,new\nUpdated Co,Uma,Updated,212-867-0112,uma@updated.com,NY,,,,again\nBroken,No,Body,123,,NY,,,,bad",
            DuplicatePolicy.FillBlanks, tag: "  Expo-2026 ");

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal("expo-2026", import.Tag);
        Assert.Equal((1, 1, 1), (import.Inserted, import.Updated, import.Invalid));
        Assert.Equal(["expo-2026"], (await SingleAsync(team, "+12128670113")).Tags);
        Assert.Equal(["expo-2026"], (await SingleAsync(team, "+12128670112")).Tags);
        Assert.Empty((await SingleAsync(team, "+12128670111")).Tags);
    }

    [Fact]
    public async Task A_failed_import_leaves_its_tag_on_nothing()
    {
        var team = await CreateTeamAsync();
        await ImportAsync(team, Header + "\nKept Co,Kim,Kept,3038670121,,CO,,,,old", DuplicatePolicy.Skip);
        var text = Encoding.UTF8.GetBytes(Header + "\nKept Co,Kim,Again,3038670121,kim@kept.com,CO,,,,x\nFresh Co,Fay,Fresh,3038670122,,CO,,,,x\n");
        // Far enough into the file that the upload's sniffing sees only text.
        var padding = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"Pad Co,P,Pad,,pad{i}@example.com,CO,,,,x\n")));
        byte[] file = [.. text, .. padding, .. Encoding.UTF8.GetBytes("Nul Co,N"), 0x00, .. Encoding.UTF8.GetBytes("ul,Nul,3038670123,,CO,,,,x\n")];

        var import = await ImportAsync(team, file, DuplicatePolicy.Overwrite, tag: "spring");

        Assert.Equal(ImportStatus.Failed, import.Status);
        await using var db = fixture.TeamContext(team);
        Assert.Equal(0, await db.Set<Prospect>().CountAsync(p => EF.Property<List<string>>(p, "_tags").Contains("spring")));
        Assert.Equal(1, await db.Set<Prospect>().CountAsync());
    }

    [Fact]
    public async Task A_tag_longer_than_tags_may_be_is_refused_before_the_import_starts()
    {
        var team = await CreateTeamAsync();
        await using var scope = ScopeFor(team);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var preview = await imports.UploadAsync("x.csv", new MemoryStream(Encoding.UTF8.GetBytes(Header + "\nA,B,C,4186750103,,CA,,,,x")), Actor, default);

        await Assert.ThrowsAsync<Domain.Common.DomainException>(() =>
            imports.StartAsync(preview.ImportId, preview.Mapping, DuplicatePolicy.Skip, new string('t', Prospect.MaxTagLength + 1), Actor, default));

        Assert.Equal(ImportStatus.Queued, (await imports.FindAsync(preview.ImportId, default))!.Status);
    }

    [Fact]
    public async Task Rejected_rows_come_a_page_at_a_time_in_file_order_with_the_total()
    {
        var team = await CreateTeamAsync();
        var rows = Enumerable.Range(0, 7).Select(i => $"Bad {i},No,Body,12{i},,NY,,,,x");
        var import = await ImportAsync(team, Header + "\nGood Co,Gus,Good,2128670131,,NY,,,,x\n" + string.Join("\n", rows), DuplicatePolicy.Skip);
        await using var scope = ScopeFor(team);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();

        var first = await imports.RejectionsAsync(import.Id, 0, 3, default);
        var last = await imports.RejectionsAsync(import.Id, 6, 3, default);

        Assert.Equal(7, first.Total);
        Assert.Equal([3, 4, 5], first.Rows.Select(r => r.RowNumber));
        Assert.All(first.Rows, r => Assert.Contains("no valid phone or e-mail", r.Reason, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Bad 0,No,Body,120", first.Rows[0].Raw);
        Assert.Equal([9], last.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task Suppressed_numbers_are_imported_but_flagged_do_not_contact()
    {
        var team = await CreateTeamAsync();
        await using (var scope = ScopeFor(team))
        {
            await scope.ServiceProvider.GetRequiredService<SuppressionList>()
                .AddAsync(SuppressionChannel.Sms, "(303) 867-0142", SuppressionReason.OptOutKeyword, "test", "STOP", Actor, default);
        }

        var import = await ImportAsync(team, Header + "\nOpted Out Co,Sam,Out,303-867-0142,,CO,,,,x\nFine Co,Fay,Fine,3038670143,,CO,,,,x", DuplicatePolicy.Skip);

        Assert.Equal((2, 1), (import.Inserted, import.Suppressed));
        Assert.True((await SingleAsync(team, "+13038670142")).DoNotContact);
        Assert.False((await SingleAsync(team, "+13038670143")).DoNotContact);
    }

    [Fact]
    public async Task Rows_without_an_email_or_a_phone_import_when_the_suppression_list_holds_both_kinds()
    {
        var team = await CreateTeamAsync();
        await using (var scope = ScopeFor(team))
        {
            var suppression = scope.ServiceProvider.GetRequiredService<SuppressionList>();
            await suppression.AddAsync(SuppressionChannel.Email, "gone@example.com", SuppressionReason.Manual, "test", null, Actor, default);
            await suppression.AddAsync(SuppressionChannel.Sms, "(303) 867-0151", SuppressionReason.Manual, "test", null, Actor, default);
        }
        await ImportAsync(team, Header + "\nKnown Co,Kay,Known,3038670153,,CO,,,,x", DuplicatePolicy.Skip);

        var import = await ImportAsync(team,
            Header + "\nPhone Only Co,Pat,Phone,3038670152,,CO,,,,x\nMail Only Co,Meg,Mail,,meg@mailonly.com,CO,,,,x\nKnown Co,Kay,Known,3038670153,,CO,,,,y",
            DuplicatePolicy.Overwrite);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal((2, 1, 0), (import.Inserted, import.Updated, import.Suppressed));
        Assert.False((await SingleAsync(team, "+13038670152")).DoNotContact);
        Assert.False((await SingleAsync(team, "+13038670153")).DoNotContact);
    }

    [Fact]
    public async Task An_import_never_matches_or_touches_another_teams_prospects()
    {
        var teamA = await CreateTeamAsync();
        var teamB = await CreateTeamAsync();
        await ImportAsync(teamA, Header + "\nTeam A Co,Al,Pha,6178670111,al@a.com,MA,,,,a", DuplicatePolicy.Skip);

        var import = await ImportAsync(teamB, Header + "\nTeam B Co,Bo,Beta,6178670111,al@a.com,MA,,,,b", DuplicatePolicy.Overwrite);

        Assert.Equal((1, 0), (import.Inserted, import.Updated));
        Assert.Equal("Team A Co", (await SingleAsync(teamA, "+16178670111")).Company);
        Assert.Equal("Team B Co", (await SingleAsync(teamB, "+16178670111")).Company);
        await using var db = fixture.TeamContext(teamB);
        Assert.Null(await db.Set<ProspectImport>().FirstOrDefaultAsync(i => i.TeamId == teamA));
    }

    [Fact]
    public async Task A_cancelled_import_leaves_no_rows_behind()
    {
        var team = await CreateTeamAsync();
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 400_000; i++)
        {
            csv.Append("Company ").Append(i).Append(",First,Last,").Append(PhoneFor(i)).Append(",,TX,,,,bulk\n");
        }
        await using var scope = ScopeFor(team);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var preview = await imports.UploadAsync("big.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), Actor, default);
        await imports.StartAsync(preview.ImportId, preview.Mapping, DuplicatePolicy.Skip, Actor, default);

        await WaitUntilAsync(async () => (await imports.FindAsync(preview.ImportId, default))!.ProcessedRows > 0);
        await imports.CancelAsync(preview.ImportId, Actor, default);
        var finished = await WaitForEndAsync(imports, preview.ImportId);

        Assert.Equal(ImportStatus.Cancelled, finished.Status);
        await using var db = fixture.TeamContext(team);
        Assert.Equal(0, await db.Set<Prospect>().CountAsync());
        Assert.Equal(0, await db.Set<ImportRejection>().CountAsync());
    }

    [Fact]
    public async Task A_mapping_without_phone_or_email_is_refused_before_anything_runs()
    {
        var team = await CreateTeamAsync();
        await using var scope = ScopeFor(team);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var preview = await imports.UploadAsync("x.csv", new MemoryStream(Encoding.UTF8.GetBytes(Header + "\nA,B,C,4186750100,a@b.com,CA,,,,x")), Actor, default);

        var mapping = new ImportMapping(preview.Mapping.Columns.Select(c => c is ProspectField.Phone or ProspectField.Email ? null : c).ToList());

        await Assert.ThrowsAsync<Domain.Common.DomainException>(() => imports.StartAsync(preview.ImportId, mapping, DuplicatePolicy.Skip, Actor, default));
    }

    [Fact]
    public async Task Windows_1252_semicolon_files_are_detected_and_decoded()
    {
        var team = await CreateTeamAsync();
        var bytes = Encoding.Latin1.GetBytes("Company;Name;Mobile\nCaf\u00e9 Jos\u00e9;Jos\u00e9 Mart\u00ednez;(512) 867-0177\n");

        var import = await ImportAsync(team, bytes, DuplicatePolicy.Skip);

        Assert.Equal(CsvFormat.Windows1252, import.Encoding);
        Assert.Equal(';', import.Delimiter);
        Assert.Equal("Caf\u00e9 Jos\u00e9", (await SingleAsync(team, "+15128670177")).Company);
    }

    [Fact]
    public async Task A_utf8_file_with_a_few_windows_1252_bytes_keeps_both_kinds_of_accents()
    {
        var team = await CreateTeamAsync();
        var utf8 = Encoding.UTF8.GetBytes("Company,Name,Mobile\nZo\u00eb M\u00fcller GmbH,Zo\u00eb M\u00fcller,(512) 867-0181\nCaf\u00e9 Two,Ana B,(512) 867-0182\n");
        var stray = Encoding.Latin1.GetBytes("Jos\u00e9 Caf\u00e9,Jos\u00e9 P,(512) 867-0183\n");

        var import = await ImportAsync(team, [.. utf8, .. stray], DuplicatePolicy.Skip);

        Assert.Equal(CsvFormat.Utf8, import.Encoding);
        Assert.Equal("Zo\u00eb M\u00fcller GmbH", (await SingleAsync(team, "+15128670181")).Company);
        Assert.Equal("Jos\u00e9 Caf\u00e9", (await SingleAsync(team, "+15128670183")).Company);
    }

    [Fact]
    public async Task Imported_prospects_become_searchable_after_the_commit_and_never_for_another_team()
    {
        var team = await CreateTeamAsync();
        var other = await CreateTeamAsync();
        var csv = string.Join("\n", Header, "Quixotic Zebra Works,Zebulon,Quayle,(415) 867-0301,,CA,,,,vendor-a");

        var import = await ImportAsync(team, csv, DuplicatePolicy.Skip);

        Assert.Equal(1, import.Inserted);
        await WaitUntilAsync(async () => (await SearchAsync(team, "zebulon")).Count == 1);
        Assert.Equal(["Zebulon Quayle"], await SearchAsync(team, "quixotic zebra"));
        Assert.Empty(await SearchAsync(other, "zebulon"));
    }

    [Fact]
    public async Task Prospects_a_stopped_node_left_out_of_the_search_index_are_added_by_the_start_up_repair()
    {
        var team = await CreateTeamAsync();
        var csv = string.Join("\n", Header, "Vexillology Partners,Ottoline,Vexley,(415) 867-0302,,CA,,,,vendor-a");
        var import = await ImportAsync(team, csv, DuplicatePolicy.Skip);
        await WaitUntilAsync(async () => (await SearchAsync(team, "vexley")).Count == 1);
        await using (var db = fixture.SystemContext())
        {
            // What a node that stopped between the import's commit and the fill leaves behind.
            await db.Database.ExecuteSqlAsync($"DELETE FROM prospect_search s USING prospects p WHERE p.id = s.prospect_id AND p.import_id = {import.Id}");
        }
        Assert.Empty(await SearchAsync(team, "vexley"));

        await using (var db = fixture.SystemContext())
        {
            await db.Database.SqlQueryRaw<int>("SELECT app_repair_prospect_search() AS \"Value\"").SingleAsync();
        }

        Assert.Equal(["Ottoline Vexley"], await SearchAsync(team, "vexley"));
    }

    private async Task<List<string?>> SearchAsync(Guid team, string search)
    {
        await using var scope = ScopeFor(team);
        var page = await scope.ServiceProvider.GetRequiredService<ProspectService>()
            .GetPageAsync(new ProspectFilter { Search = search }, ProspectSort.Newest, 0, 50, default);
        return page.Rows.Select(r => r.FullName).ToList();
    }

    /// <summary>Distinct valid numbers: exchanges 220-259 (no N11, no 867) and every line number.</summary>
    private static string PhoneFor(int i) => $"+1212{220 + i / 10_000}{i % 10_000:0000}";

    private Task<ProspectImport> ImportAsync(Guid team, string csv, DuplicatePolicy policy, string? tag = null) =>
        ImportAsync(team, Encoding.UTF8.GetBytes(csv), policy, tag);

    private async Task<ProspectImport> ImportAsync(Guid team, byte[] file, DuplicatePolicy policy, string? tag = null)
    {
        await using var scope = ScopeFor(team);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var preview = await imports.UploadAsync("test.csv", new MemoryStream(file), Actor, default);
        await imports.StartAsync(preview.ImportId, preview.Mapping, policy, tag, Actor, default);
        return await WaitForEndAsync(imports, preview.ImportId);
    }

    private static async Task<ProspectImport> WaitForEndAsync(ImportService imports, Guid importId)
    {
        ProspectImport? import = null;
        await WaitUntilAsync(async () => (import = await imports.FindAsync(importId, default))!.IsFinished);
        return import!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the import.");
            await Task.Delay(25);
        }
    }

    private async Task<string> RejectionReportAsync(Guid team, Guid importId)
    {
        await using var scope = ScopeFor(team);
        var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ImportService>().WriteRejectionsAsync(importId, output, default);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private async Task<Prospect> SingleAsync(Guid team, string phone)
    {
        await using var db = fixture.TeamContext(team);
        return await db.Set<Prospect>().SingleAsync(p => p.Phone == phone);
    }

    private AsyncServiceScope ScopeFor(Guid team)
    {
        var scope = fixture.Services.CreateAsyncScope();
        // The operator imports as a manager would from the import page.
        scope.ServiceProvider.GetRequiredService<TenantScope>().ActAs(team, new Caller(Actor.UserId!.Value, Actor.Name!, TeamRole.Manager));
        return scope;
    }

    private async Task<Guid> CreateTeamAsync()
    {
        await using var db = fixture.SystemContext();
        var team = Team.Create($"Import team {Guid.NewGuid():N}", "America/New_York", TimeProvider.System);
        db.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }
}
