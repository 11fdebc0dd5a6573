using Microsoft.Playwright;
using Outreach.Infrastructure.Mail;
using Outreach.TestSupport;

namespace Outreach.BrowserTests;

/// <summary>
/// Two console nodes on one database (as behind a load balancer), and Chromium. Shared by every browser
/// test; each test opens its own browser contexts, so sessions never leak between tests.
/// </summary>
public sealed class ConsoleCluster : IAsyncLifetime
{
    public const string OwnerEmail = "owner@browser.test";
    public const string OwnerPassword = "Browser-Tests-1";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("outreach-browser-").FullName;
    private IPlaywright? _playwright;

    public TestDatabase Database { get; private set; } = null!;
    public ConsoleNode NodeA { get; private set; } = null!;
    public ConsoleNode NodeB { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Every e-mail any node sends (invitations, password resets, reports) arrives here.</summary>
    public MailCatcher Mail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("browser");
        Mail = await MailCatcher.StartAsync(MailCatcher.FreePort(), Path.Combine(_dataDirectory, "mail-caught"));
        NodeA = NewNode("browser-a");
        NodeB = NewNode("browser-b");
        // Started together, as a deployment would: migrations and seeding must not race.
        await Task.WhenAll(NodeA.StartAsync(), NodeB.StartAsync());

        // Assertions wait as long as actions do: on two shared cores a page can take seconds to load.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("OUTREACH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public ConsoleNode NewNode(string name) => new ConsoleNode(name, Database.ConnectionString, _dataDirectory)
        .With("Outreach__Mail__SmtpHost", "127.0.0.1")
        .With("Outreach__Mail__SmtpPort", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Outreach__Mail__Security", "None")
        // Test receivers listen on loopback, which an installation refuses by default.
        .With("Outreach__Webhooks__AllowPrivateNetworks", "true");

    public Task<IPage> NewPageAsync() => NewPageAsync(new BrowserNewContextOptions());

    /// <summary>A phone (390 x 844, touch) as an operator triaging on the move holds it.</summary>
    public Task<IPage> NewPhonePageAsync() => NewPageAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    });

    /// <summary>A new browser (own cookies); 1440 x 900 unless the options say otherwise.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.ViewportSize ??= new ViewportSize { Width = 1440, Height = 900 };
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        await Mail.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ConsoleCluster>
{
    public const string Name = "cluster";
}
