using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Seeding;
using Outreach.Infrastructure.Tests.Messaging.Simulator;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Seeding;

/// <summary>The first owner's generated password: where it may appear, where it never does, and that it is temporary.</summary>
public sealed class InitialSeederTests
{
    [Fact]
    public async Task A_generated_password_is_in_the_data_folder_never_in_the_log_on_screen_only_for_a_terminal_and_must_be_changed()
    {
        await using var database = await TestDatabase.CreateAsync("seed");
        var dataDirectory = Directory.CreateTempSubdirectory("outreach-seed-").FullName;
        var logs = new RecordingLoggerProvider();
        using var host = TestNode.Build(database.ConnectionString, "seed-node", settings: new Dictionary<string, string?>
        {
            ["Outreach:Seed:Enabled"] = "true",
            ["Outreach:Seed:OwnerEmail"] = "first@seed.test",
            ["Outreach:DataDirectory"] = dataDirectory,
        }, services: s => s.AddSingleton<ILoggerProvider>(logs));
        await OutreachDatabase.MigrateAsync(host.Services);

        var screen = new StringWriter();
        var stdout = System.Console.Out;
        System.Console.SetOut(screen);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InitialSeeder>().SeedAsync(default);
        }
        finally
        {
            System.Console.SetOut(stdout);
        }

        var file = await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "first-owner.txt"));
        var password = Assert.Single(file, l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var owner = await users.FindByEmailAsync("first@seed.test");
            Assert.NotNull(owner);
            Assert.True(await users.CheckPasswordAsync(owner, password));
            Assert.True(owner.MustChangePassword);
        }
        Assert.Contains(logs.Entries, e => e.Message.Contains("first-owner.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(password, StringComparison.Ordinal));
        // Under a test runner the output goes to a pipe, as in a container: then nothing is printed. Run from a
        // terminal, the same test expects the password on screen.
        Assert.Equal(!System.Console.IsOutputRedirected, screen.ToString().Contains(password, StringComparison.Ordinal));
        Directory.Delete(dataDirectory, recursive: true);
    }
}
