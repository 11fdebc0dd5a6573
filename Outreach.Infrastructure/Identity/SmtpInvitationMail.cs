using MimeKit;
using Outreach.Infrastructure.Mail;

namespace Outreach.Infrastructure.Identity;

/// <summary>Invitation e-mails through the console's mail relay (or the local catcher).</summary>
internal sealed class SmtpInvitationMail(IMailSender mail) : IInvitationMail
{
    public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        var email = new MimeMessage
        {
            Subject = InvitationMailText.Subject(message),
            Body = new TextPart("plain") { Text = InvitationMailText.Body(message) },
        };
        email.To.Add(MailboxAddress.Parse(message.To));
        return mail.SendAsync(email, cancellationToken);
    }
}
