using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Outreach.TestSupport;

namespace Outreach.Console.Tests;

/// <summary>A missing or invalid setting stops the console at start, with a message that names it.</summary>
public class StartupValidationTests
{
    [Fact]
    public void A_missing_connection_string_names_the_setting_and_its_environment_variable()
    {
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?> { ["ConnectionStrings:Outreach"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("ConnectionStrings:Outreach is not set", Flatten(error));
        Assert.Contains("ConnectionStrings__Outreach", Flatten(error));
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_before_anything_connects()
    {
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?> { ["ConnectionStrings:Outreach"] = "Host=x;Bogus Keyword=1" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("not a valid PostgreSQL connection string", Flatten(error));
    }

    [Fact]
    public async Task An_out_of_range_option_names_the_option()
    {
        await using var database = await TestDatabase.CreateAsync("startup");
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Outreach:Scheduler:HeartbeatSeconds"] = "0",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("HeartbeatSeconds", Flatten(error));
    }

    [Fact]
    public async Task A_proxy_that_is_not_an_address_names_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync("proxies");
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Outreach:Security:KnownProxies:0"] = "load-balancer.internal",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Outreach:Security:KnownProxies", Flatten(error));
    }

    [Fact]
    public async Task The_host_starts_in_development_where_service_scopes_are_validated()
    {
        await using var database = await TestDatabase.CreateAsync("devhost");
        using var factory = new MisconfiguredFactory(
            new Dictionary<string, string?> { ["ConnectionStrings:Outreach"] = database.ConnectionString }, "Development");

        var client = factory.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await Readiness.WaitAsync(client)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_are_refused_with_429()
    {
        await using var database = await TestDatabase.CreateAsync("ratelimit");
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Outreach:Security:SignInAttemptsPerMinute"] = "3",
        });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await SignInForm.PostAsync(client, $"nobody{i}@example.test", "Whatever-123")).StatusCode);
        }

        Assert.Equal([System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK,
            System.Net.HttpStatusCode.TooManyRequests, System.Net.HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Entra_settings_without_a_secret_or_certificate_name_the_missing_setting()
    {
        await using var database = await TestDatabase.CreateAsync("entra");
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Outreach:Identity:Entra:TenantId"] = "9188040d-6c67-4c5b-b112-36a304b66dad",
            ["Outreach:Identity:Entra:ClientId"] = "console",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Outreach:Identity:Entra:ClientSecret", Flatten(error));
    }

    [Fact]
    public async Task Entra_with_a_multi_tenant_authority_is_refused_because_any_directory_could_claim_an_invited_address()
    {
        await using var database = await TestDatabase.CreateAsync("entra-common");
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Outreach:Identity:Entra:TenantId"] = "common",
            ["Outreach:Identity:Entra:ClientId"] = "console",
            ["Outreach:Identity:Entra:ClientSecret"] = "secret",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Outreach:Identity:Entra:TenantId must be your directory's tenant id", Flatten(error));
    }

    [Fact]
    public async Task An_OpenID_Connect_provider_without_a_client_id_names_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync("oidc");
        using var factory = new MisconfiguredFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Outreach:Identity:Oidc:Authority"] = "https://login.example.com",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Outreach:Identity:Oidc:ClientId", Flatten(error));
    }

    [Fact]
    public async Task The_sign_in_page_offers_a_provider_only_when_one_is_configured()
    {
        await using var database = await TestDatabase.CreateAsync("providers");
        using var plain = new MisconfiguredFactory(new Dictionary<string, string?> { ["ConnectionStrings:Outreach"] = database.ConnectionString });
        using var withProvider = new MisconfiguredFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Outreach:Identity:Oidc:Authority"] = "https://login.example.com",
            ["Outreach:Identity:Oidc:ClientId"] = "console",
            ["Outreach:Identity:Oidc:ClientSecret"] = "secret",
            ["Outreach:Identity:Oidc:DisplayName"] = "Okta",
        });

        var plainPage = await plain.CreateClient().GetStringAsync("/account/login");
        var providerPage = await withProvider.CreateClient().GetStringAsync("/account/login");

        Assert.DoesNotContain("Sign in with", plainPage);
        Assert.Contains("Sign in with Okta", providerPage);
        Assert.Contains("account/external/oidc?returnUrl=", providerPage);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : error.ToString();

    private sealed class MisconfiguredFactory(Dictionary<string, string?> settings, string environment = "Production")
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(RepositoryPaths.Root);
            builder.UseEnvironment(environment);
            builder.UseSetting("Outreach:DataDirectory", Path.Combine(Path.GetTempPath(), "outreach-startup-tests"));
            builder.UseSetting("Outreach:Seed:Enabled", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
