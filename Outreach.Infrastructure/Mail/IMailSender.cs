using MimeKit;

namespace Outreach.Infrastructure.Mail;

/// <summary>Hands one message to the configured SMTP relay; throws <see cref="MailNotSentException"/> when it cannot.</summary>
public interface IMailSender
{
    /// <summary>True when a relay or the local catcher is configured; without one, account e-mail cannot go out.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends the message; a missing From is filled with the configured sender.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>The relay refused the message, could not be reached, or none is configured.</summary>
public sealed class MailNotSentException(string message, Exception? inner = null) : Exception(message, inner);
