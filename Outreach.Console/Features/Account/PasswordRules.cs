using Microsoft.AspNetCore.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>The password rules in words, from the same options Identity enforces, for the forms that set a password.</summary>
public static class PasswordRules
{
    public static string Describe(PasswordOptions rules)
    {
        var kinds = new List<string>();
        if (rules.RequireUppercase)
        {
            kinds.Add("an upper-case letter");
        }
        if (rules.RequireLowercase)
        {
            kinds.Add("a lower-case letter");
        }
        if (rules.RequireDigit)
        {
            kinds.Add("a digit");
        }
        if (rules.RequireNonAlphanumeric)
        {
            kinds.Add("a symbol");
        }
        var with = kinds.Count switch
        {
            0 => "",
            1 => $", with {kinds[0]}",
            _ => $", with {string.Join(", ", kinds[..^1])} and {kinds[^1]}",
        };
        return $"At least {rules.RequiredLength} characters{with}.";
    }
}
