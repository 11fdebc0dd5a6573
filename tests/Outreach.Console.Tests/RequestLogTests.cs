using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Console.Features.Account;

namespace Outreach.Console.Tests;

/// <summary>The request log line carries the status the client was actually sent.</summary>
[Collection(ConsoleCollection.Name)]
public class RequestLogTests(ConsoleFactory factory)
{
    [Fact]
    public async Task A_request_that_ends_in_an_exception_is_logged_with_the_500_it_was_answered_with()
    {
        using var failing = factory.Variant("host-tests-failing", builder =>
            builder.ConfigureTestServices(services => services.AddScoped<ISignInService, FailingSignIn>()));
        var client = failing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.GetAsync("/account/login");
        var before = factory.Logs.Entries.Count;

        var response = await SignInForm.PostAsync(client, "someone@host.test", "Whatever-123");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var logged = await factory.Logs.SinceAsync(before, e =>
            e.Category == "Outreach.Console.Requests" && Equals(e["Method"], "POST") && Equals(e["Path"], "/account/login"));
        Assert.Equal(500, logged[^1]["StatusCode"]);
    }

    private sealed class FailingSignIn : ISignInService
    {
        public Task<SignInOutcome> SignInAsync(string email, string password, bool remember, string? ipAddress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The identity store is down.");

        public Task SignOutAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> SwitchTeamAsync(Guid teamId, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
