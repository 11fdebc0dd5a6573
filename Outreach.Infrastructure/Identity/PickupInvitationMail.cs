using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Identity;

/// <summary>
/// Writes invitation e-mails as .eml files into the data folder's <c>mail</c> directory, where a person on the
/// machine (or a test) reads them. Stands in until the console has an SMTP sender of its own.
/// </summary>
internal sealed class PickupInvitationMail(IHostEnvironment environment, IOptions<OutreachOptions> options, TimeProvider clock) : IInvitationMail
{
    public async Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(environment.ContentRootPath, options.Value.DataDirectory, "mail");
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Date: {now:R}
            To: {message.To}
            Subject: {InvitationMailText.Subject(message)}
            Content-Type: text/plain; charset=utf-8

            {InvitationMailText.Body(message)}
            """);
        var name = $"{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml";
        await File.WriteAllTextAsync(Path.Combine(folder, name), text, cancellationToken);
    }
}
