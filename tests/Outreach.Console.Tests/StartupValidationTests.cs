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

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : error.ToString();

    private sealed class MisconfiguredFactory(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(RepositoryPaths.Root);
            builder.UseEnvironment("Production");
            builder.UseSetting("Outreach:Seed:Enabled", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
