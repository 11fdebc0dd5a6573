namespace Outreach.Infrastructure.Identity;

/// <summary>Light or dark console, chosen by each user; <see cref="System"/> follows the operating system.</summary>
public enum Appearance
{
    System,
    Light,
    Dark,
}
