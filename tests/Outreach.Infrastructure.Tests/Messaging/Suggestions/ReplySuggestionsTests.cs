using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Domain.Inbox;
using Outreach.Infrastructure.Messaging.Suggestions;

namespace Outreach.Infrastructure.Tests.Messaging.Suggestions;

/// <summary>The optional model-drafted suggestion, against a local stand-in for an OpenAI-compatible server.</summary>
public sealed class ReplySuggestionsTests : IAsyncLifetime
{
    private readonly List<(string Path, string? Authorization, JsonDocument Body)> _requests = [];
    private WebApplication _server = null!;
    private string _baseUrl = "";
    private int _status = 200;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var body = await JsonDocument.ParseAsync(http.Request.Body);
            lock (_requests)
            {
                _requests.Add((http.Request.Path, http.Request.Headers.Authorization.ToString(), body));
            }
            return _status == 200
                ? Results.Json(new { choices = new[] { new { message = new { role = "assistant", content = "  Happy to send it over, Dale. What's the best e-mail?  " } } } })
                : Results.StatusCode(_status);
        });
        await _server.StartAsync();
        _baseUrl = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [Fact]
    public async Task A_configured_endpoint_adds_a_drafted_suggestion_that_never_qualifies_for_auto_reply()
    {
        var suggestions = await ForAsync("yes I'd consider selling, what's it worth?", new CompletionOptions { BaseUrl = _baseUrl + "/v1", Model = "local-model", ApiKey = "secret-key" });

        var (path, authorization, body) = Assert.Single(_requests);
        Assert.Equal("/v1/chat/completions", path);
        Assert.Equal("Bearer secret-key", authorization);
        Assert.Equal("local-model", body.RootElement.GetProperty("model").GetString());
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("yes I'd consider selling, what's it worth?", messages[1].GetProperty("content").GetString());
        var draft = suggestions[^1];
        Assert.Equal("Happy to send it over, Dale. What's the best e-mail?", draft.Text);
        Assert.True(draft.Confidence < 70);
    }

    [Fact]
    public async Task Without_configuration_or_when_the_endpoint_fails_only_the_templates_are_offered()
    {
        var templatesOnly = await ForAsync("yes I'd consider selling", new CompletionOptions());
        _status = 500;
        var afterFailure = await ForAsync("yes I'd consider selling", new CompletionOptions { BaseUrl = _baseUrl + "/v1" });

        var expected = SuggestedReplies.For(ReplyClassifier.Classify("yes I'd consider selling", ClassificationProfile.Default), ClassificationProfile.Default, new Dictionary<string, string?>());
        Assert.Equal(expected, templatesOnly);
        Assert.Equal(expected, afterFailure);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task Opt_outs_are_never_sent_to_the_model()
    {
        await ForAsync("STOP", new CompletionOptions { BaseUrl = _baseUrl + "/v1" });

        Assert.Empty(_requests);
    }

    private static async Task<IReadOnlyList<SuggestedReply>> ForAsync(string body, CompletionOptions options)
    {
        using var http = new HttpClient();
        var suggestions = new ReplySuggestions(http, Options.Create(options), NullLogger<ReplySuggestions>.Instance);
        var classification = ReplyClassifier.Classify(body, ClassificationProfile.Default);
        return await suggestions.ForAsync(body, classification, ClassificationProfile.Default, new Dictionary<string, string?>(), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
