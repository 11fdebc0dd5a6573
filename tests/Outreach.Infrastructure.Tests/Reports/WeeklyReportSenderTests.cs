using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Domain.Auditing;
using Outreach.Domain.Reports;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Mail;
using Outreach.Infrastructure.Reports;

namespace Outreach.Infrastructure.Tests.Reports;

/// <summary>The weekly e-mail against an SMTP server started inside the test, on the hand-counted dataset.</summary>
public sealed class WeeklyReportSenderTests(ReportDataset data) : IClassFixture<ReportDataset>
{
    // Tuesday 10 November 2026, noon in Chicago: the week of 2 to 8 November is over.
    private static readonly TimeProvider Tuesday = new FixedClock(new DateTimeOffset(2026, 11, 10, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_subscribed_team_gets_last_weeks_workbook_once_and_the_next_check_sends_nothing()
    {
        await using var smtp = new SmtpSink();
        await SubscribeAsync("manager@example.com; owner@example.com");
        var sender = Sender(smtp.Port);

        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(0, await sender.SendDueAsync(default));

        var message = Assert.Single(smtp.Messages);
        Assert.Contains("To: manager@example.com, owner@example.com", message);
        Assert.Contains("Report team: weekly report 2026-11-02 to 2026-11-08", message);
        Assert.Contains("Sent: 12 (previous 3)", DecodeBody(message));
        using var workbook = new WorkbookReader(Attachment(message));
        Assert.Empty(workbook.ValidationErrors());
        var summary = workbook.Rows("Summary").Skip(1).ToDictionary(r => WorkbookReader.Text(r[0])!);
        Assert.Equal(12, WorkbookReader.Number(summary["Sent"][1]));
        Assert.Equal(1, WorkbookReader.Number(summary["Hot leads"][1]));
        await using var db = data.Node.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        Assert.Equal(new DateOnly(2026, 11, 2), (await db.Set<WeeklyReportSubscription>().SingleAsync(s => s.TeamId == data.Team)).LastSentWeek);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.TeamId == data.Team && a.Action == AuditActions.ReportEmailed));
    }

    [Fact]
    public async Task A_refused_send_releases_the_week_so_the_next_check_sends_it()
    {
        await using var smtp = new SmtpSink { Refuse = true };
        await SubscribeAsync("manager@example.com", team: data.OtherTeam);
        var sender = Sender(smtp.Port);

        Assert.Equal(0, await sender.SendDueAsync(default));
        await using (var db = data.Node.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext())
        {
            Assert.Null((await db.Set<WeeklyReportSubscription>().SingleAsync(s => s.TeamId == data.OtherTeam)).LastSentWeek);
        }

        smtp.Refuse = false;
        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Contains(smtp.Messages, m => m.Contains("Other team: weekly report", StringComparison.Ordinal));
    }

    [Fact]
    public void Recipients_must_be_addresses_and_an_enabled_schedule_needs_one()
    {
        var subscription = WeeklyReportSubscription.Create(Guid.NewGuid(), Tuesday);

        Assert.Throws<Domain.Common.DomainException>(() => subscription.Change(true, "not-an-address", Tuesday));
        Assert.Throws<Domain.Common.DomainException>(() => subscription.Change(true, " ", Tuesday));
        subscription.Change(true, "A@Example.com,\nb@example.com, a@example.com", Tuesday);
        Assert.Equal(["a@example.com", "b@example.com"], subscription.RecipientList);
    }

    private async Task SubscribeAsync(string recipients, Guid? team = null)
    {
        await using var scope = data.ScopeFor(team ?? data.Team);
        await scope.ServiceProvider.GetRequiredService<WeeklyReportSubscriptions>().SaveAsync(true, recipients, new AuditActor(null, "test"), default);
    }

    private WeeklyReportSender Sender(int port) =>
        ActivatorUtilities.CreateInstance<WeeklyReportSender>(data.Node.Services,
            new SmtpMailSender(
                Options.Create(new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, Security = MailSecurity.None, From = "reports@example.com", TimeoutSeconds = 10 }),
                NullLogger<SmtpMailSender>.Instance),
            Tuesday);

    /// <summary>The base64 attachment of the MIME message, decoded.</summary>
    private static byte[] Attachment(string message)
    {
        var parts = message.Split("\r\n--", StringSplitOptions.None);
        var part = parts.Single(p => p.Contains("spreadsheetml", StringComparison.Ordinal));
        var body = part[(part.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return Convert.FromBase64String(Regex.Replace(body, @"\s", ""));
    }

    private static string DecodeBody(string message)
    {
        var parts = message.Split("\r\n--", StringSplitOptions.None);
        var part = parts.First(p => p.Contains("text/plain", StringComparison.Ordinal));
        var headers = part[..part.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var body = part[(part.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (headers.Contains("base64", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", "")));
        }
        // quoted-printable: soft line breaks and =XX escapes
        var joined = body.Replace("=\r\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)joined[i]);
            }
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
