using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Outreach.Console.Tests;

/// <summary>
/// Without <c>Outreach:PublicBaseUrl</c> a production node says so at start; with it, requests for any other
/// host are refused, unless <c>AllowedHosts</c> says otherwise.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class PublicAddressTests(ConsoleFactory factory)
{
    [Fact]
    public void A_production_node_without_a_public_address_warns_at_start() =>
        Assert.Contains(factory.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Outreach:PublicBaseUrl is not set", StringComparison.Ordinal));

    [Fact]
    public async Task With_a_public_address_a_request_for_another_host_is_refused_with_400()
    {
        using var console = factory.Variant("host-tests-public", builder => builder.UseSetting("Outreach:PublicBaseUrl", "https://console.example.com"));
        var client = console.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var forged = await client.GetAsync("http://attacker.example/");
        var own = await client.GetAsync("http://console.example.com/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Fact]
    public async Task Explicit_allowed_hosts_take_precedence_over_the_public_address()
    {
        using var console = factory.Variant("host-tests-allowed", builder =>
        {
            builder.UseSetting("Outreach:PublicBaseUrl", "https://console.example.com");
            builder.UseSetting("AllowedHosts", "console.example.com;intranet.example");
        });
        var client = console.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var intranet = await client.GetAsync("http://intranet.example/");
        var forged = await client.GetAsync("http://attacker.example/");

        Assert.Equal(HttpStatusCode.Redirect, intranet.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}
