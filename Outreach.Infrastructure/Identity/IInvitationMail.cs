using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Identity;

/// <summary>The e-mail that carries an invitation link.</summary>
public sealed record InvitationMessage(string To, string TeamName, TeamRole Role, string InvitedBy, Uri Link, DateTimeOffset ExpiresAt);

/// <summary>Sends invitation e-mails; the link inside is the only copy of the token.</summary>
public interface IInvitationMail
{
    Task SendAsync(InvitationMessage message, CancellationToken cancellationToken);
}
