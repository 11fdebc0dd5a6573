using Microsoft.AspNetCore.Authorization;
using Outreach.Domain.Teams;

namespace Outreach.Console.Features.Account;

/// <summary>One policy per minimum team role, plus the installation administrator.</summary>
public static class Policies
{
    public const string Viewer = "team:viewer";
    public const string Agent = "team:agent";
    public const string Manager = "team:manager";
    public const string Admin = "team:admin";
    public const string Owner = "team:owner";
    public const string InstallationAdmin = "installation:admin";

    public static string For(TeamRole minimum) => minimum switch
    {
        TeamRole.Owner => Owner,
        TeamRole.Admin => Admin,
        TeamRole.Manager => Manager,
        TeamRole.Agent => Agent,
        _ => Viewer,
    };

    public static AuthorizationBuilder AddOutreachPolicies(this AuthorizationBuilder builder)
    {
        foreach (var role in Enum.GetValues<TeamRole>())
        {
            var allowed = TeamRoleExtensions.AtLeast(role).Select(r => r.ToString()).ToArray();
            builder.AddPolicy(For(role), policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(OutreachClaimTypes.TeamRole, allowed));
        }
        builder.AddPolicy(InstallationAdmin, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(OutreachClaimTypes.InstallationAdmin, "true"));
        return builder;
    }
}
