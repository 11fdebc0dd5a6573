using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outreach.Bench.Import.Importing;

/// <summary>
/// Talks to a running console as the browser does: the server-rendered sign-in form with its antiforgery
/// token, the auth cookie, and the streamed upload endpoint with the token in a header.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var page = await GetPageAsync("account/login?ReturnUrl=%2F", cancellationToken);
        using var response = await _http.PostAsync("account/login?ReturnUrl=%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), cancellationToken);
        // A successful sign-in redirects; a refused one renders the form again with a message.
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new BenchmarkException($"Sign-in as {email} failed (HTTP {(int)response.StatusCode}{(response.Headers.Location is { } l ? $", to {l}" : "")}).");
        }
    }

    /// <summary>The antiforgery token of the import page, which the upload endpoint expects in a header.</summary>
    public async Task<string> ImportTokenAsync(CancellationToken cancellationToken) =>
        AntiforgeryToken(await GetPageAsync("prospects/import", cancellationToken));

    public async Task<Guid> UploadAsync(string path, string token, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        using var content = new StreamContent(file, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentLength = file.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"prospects/import/upload?name={Uri.EscapeDataString(Path.GetFileName(path))}&start=true&policy=Skip") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkException($"Upload refused: HTTP {(int)response.StatusCode} {Shorten(body)}");
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("importId").GetGuid();
    }

    public async Task<ImportState> GetImportAsync(Guid importId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"api/imports/{importId}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkException($"GET /api/imports/{importId}: HTTP {(int)response.StatusCode} {Shorten(body)}");
        }
        return ImportState.Parse(body);
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> GetPageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkException($"GET /{path}: HTTP {(int)response.StatusCode}{(response.Headers.Location is { } l ? $" to {l}" : "")}");
        }
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new BenchmarkException("No antiforgery token in the page.");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
