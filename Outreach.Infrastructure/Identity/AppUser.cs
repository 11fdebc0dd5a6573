using Microsoft.AspNetCore.Identity;

namespace Outreach.Infrastructure.Identity;

/// <summary>A person who signs in. Users are installation-wide; what they may do lives in team memberships.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>May create teams and stop sending everywhere.</summary>
    public bool IsInstallationAdmin { get; set; }

    /// <summary>The team opened at sign-in: the one used last.</summary>
    public Guid? LastTeamId { get; set; }

    /// <summary>Light, dark, or whatever the operating system uses.</summary>
    public Appearance Appearance { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// The password was generated or handed over by someone else (the first owner's, a temporary one): nothing but
    /// changing it is reachable until the user has chosen their own.
    /// </summary>
    public bool MustChangePassword { get; set; }
}
