using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Outreach.Infrastructure.Mail;

/// <summary>How the console sends e-mail (invitations, password resets, weekly reports): one SMTP relay.</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Outreach:Mail";

    /// <summary>The relay; when empty and <see cref="CatcherPort"/> is set, mail goes to the local catcher.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>None, StartTls, SslOnConnect, or Auto (TLS when the server offers it).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender every message carries, e.g. <c>Outreach Console &lt;no-reply@example.com&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "Outreach Console <no-reply@outreach.local>";

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// A loopback port for the built-in mail catcher: an SMTP server inside this node that accepts every message and
    /// writes it as an .eml file under the data directory's <c>mail</c> folder. For a workstation, never production.
    /// </summary>
    [Range(1, 65535)]
    public int? CatcherPort { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost) || CatcherPort is not null;

    /// <summary>Where messages go: the relay, or the catcher when no relay is named.</summary>
    public (string Host, int Port, MailSecurity Security) Destination =>
        string.IsNullOrWhiteSpace(SmtpHost) && CatcherPort is { } catcher
            ? ("127.0.0.1", catcher, MailSecurity.None)
            : (SmtpHost ?? string.Empty, SmtpPort, Security);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Outreach:Mail:From is not an e-mail address: '{From}'.", [nameof(From)]);
        }
        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Outreach:Mail:Password is required when a user name is set.", [nameof(Password)]);
        }
    }
}

public enum MailSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
