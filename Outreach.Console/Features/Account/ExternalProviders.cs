namespace Outreach.Console.Features.Account;

/// <summary>An identity provider this installation offers on its sign-in page.</summary>
public sealed record ExternalProvider(string Scheme, string DisplayName, ExternalSubject Subject);

/// <summary>Which claims name a person for good at a provider (never the e-mail, which people and admins change).</summary>
public enum ExternalSubject
{
    /// <summary>The OpenID Connect <c>sub</c> claim.</summary>
    Subject,

    /// <summary>Entra ID: the tenant (<c>tid</c>) and the object id (<c>oid</c>) together.</summary>
    TenantAndObjectId,
}

/// <summary>The identity providers configured at start-up; empty when the installation uses local accounts only.</summary>
public sealed class ExternalProviders(IReadOnlyList<ExternalProvider> providers)
{
    public IReadOnlyList<ExternalProvider> All => providers;

    public ExternalProvider? Find(string? scheme) =>
        providers.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.Ordinal));
}
