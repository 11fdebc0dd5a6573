using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Outreach.Infrastructure.Mail;

namespace Outreach.Infrastructure.Tests.Mail;

/// <summary>MailKit's sender against the in-process catcher: what is sent is what arrives, and on disk.</summary>
public sealed class MailTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "outreach-mail-" + Guid.NewGuid().ToString("N"));
    private MailCatcher _catcher = null!;

    public async Task InitializeAsync() => _catcher = await MailCatcher.StartAsync(MailCatcher.FreePort(), _folder);

    public async Task DisposeAsync()
    {
        await _catcher.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_message_arrives_as_sent_with_the_configured_sender_and_is_written_to_the_folder()
    {
        var sender = Sender(new MailOptions { CatcherPort = _catcher.Port, From = "Console <no-reply@example.com>" });
        var message = new MimeMessage { Subject = "Join Acme on Outreach Console — ünïcode", Body = new TextPart("plain") { Text = "Open https://console.example/account/invitation/abc" } };
        message.To.Add(MailboxAddress.Parse("new.agent@example.com"));

        await sender.SendAsync(message, default);

        var caught = await _catcher.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "new.agent@example.com"), TimeSpan.FromSeconds(10));
        Assert.Equal("Join Acme on Outreach Console — ünïcode", caught.Subject);
        Assert.Equal("no-reply@example.com", Assert.Single(caught.From.Mailboxes).Address);
        Assert.Contains("/account/invitation/abc", caught.TextBody);
        var file = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        var onDisk = await MimeMessage.LoadAsync(file);
        Assert.Equal(caught.MessageId, onDisk.MessageId);
    }

    [Fact]
    public async Task Without_a_relay_or_catcher_sending_fails_clearly_and_an_unreachable_relay_too()
    {
        var message = new MimeMessage { Subject = "x", Body = new TextPart("plain") { Text = "x" } };
        message.To.Add(MailboxAddress.Parse("a@example.com"));

        var none = Sender(new MailOptions());
        Assert.False(none.IsConfigured);
        await Assert.ThrowsAsync<MailNotSentException>(() => none.SendAsync(message, default));

        var unreachable = Sender(new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = MailCatcher.FreePort(), Security = MailSecurity.None, TimeoutSeconds = 5 });
        var error = await Assert.ThrowsAsync<MailNotSentException>(() => unreachable.SendAsync(message, default));
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Empty(_catcher.Messages);
    }

    [Fact]
    public void A_sender_that_is_not_an_address_is_refused_at_start()
    {
        var results = new MailOptions { From = "not an address" }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object()));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(MailOptions.From)));
    }

    private static SmtpMailSender Sender(MailOptions options) => new(Options.Create(options), NullLogger<SmtpMailSender>.Instance);
}
