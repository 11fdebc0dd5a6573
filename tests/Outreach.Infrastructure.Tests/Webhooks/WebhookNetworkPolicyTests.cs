using System.Net;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Tests.Webhooks;

public sealed class WebhookNetworkPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    public void Private_loopback_link_local_and_reserved_addresses_are_not_public(string address) =>
        Assert.False(WebhookNetworkPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(WebhookNetworkPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", true)]
    [InlineData("http://[::1]/hook", true)]
    [InlineData("http://localhost/hook", true)]
    [InlineData("https://169.254.169.254/latest/meta-data", true)]
    [InlineData("https://hooks.example.com/hook", false)]
    [InlineData("https://8.8.8.8/hook", false)]
    public void Address_literals_are_checked_when_a_subscription_is_saved(string url, bool isPrivate) =>
        Assert.Equal(isPrivate, WebhookNetworkPolicy.IsPrivateLiteral(url));
}
