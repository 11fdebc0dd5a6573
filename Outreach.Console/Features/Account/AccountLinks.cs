using System.Net;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure;

namespace Outreach.Console.Features.Account;

/// <summary>
/// Where links in account e-mail point. A link built from the Host header a request sent can be steered by whoever
/// sent it (reset-link poisoning), so it is built from <c>Outreach:PublicBaseUrl</c>, or, when that is not set, only
/// for a request made on the machine itself (a workstation, the tests).
/// </summary>
public sealed class AccountLinks(IOptions<OutreachOptions> options, ILogger<AccountLinks> logger)
{
    /// <summary>The console's address for links, or null when none can be trusted for this request.</summary>
    public string? BaseUrl(HttpRequest request)
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }
        var host = request.Host.Host.Trim('[', ']');
        if (host == "localhost" || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
        logger.LogWarning("An account e-mail was not sent: set Outreach:PublicBaseUrl so that its link points at this console");
        return null;
    }
}
