using System.Globalization;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Identity;

/// <summary>The words of an invitation e-mail, apart from how it travels.</summary>
public static class InvitationMailText
{
    public static string Subject(InvitationMessage message) => $"You are invited to {message.TeamName} on Outreach Console";

    public static string Body(InvitationMessage message) => string.Create(CultureInfo.InvariantCulture, $"""
        {message.InvitedBy} invited you to join {message.TeamName} on Outreach Console as {message.Role} ({message.Role.Describe()}).

        Open this link to accept, then set a password or sign in with your company account:

        {message.Link}

        The link works once and expires on {message.ExpiresAt:yyyy-MM-dd HH:mm} UTC. If you did not expect this invitation, ignore this e-mail.
        """);
}
