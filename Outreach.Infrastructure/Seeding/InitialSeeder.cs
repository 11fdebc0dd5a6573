using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Identity;

namespace Outreach.Infrastructure.Seeding;

/// <summary>
/// First run of an installation: when nobody can sign in yet, create the first team and its owner (who
/// is also the installation administrator). The password comes from configuration or is generated, written
/// to the data folder (and shown when a terminal is attached), and must be changed at first sign-in. An advisory lock keeps nodes that start together from seeding twice.
/// </summary>
public sealed class InitialSeeder(
    UserManager<AppUser> users,
    ISystemDbContextFactory dbFactory,
    NpgsqlDataSource dataSource,
    IAuditLog audit,
    IOptions<OutreachOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<InitialSeeder> logger)
{
    // Any constant; it only has to be the same on every node.
    private const long SeedLockKey = 0x0C7EA_5EED;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value.Seed;
        if (!seed.Enabled)
        {
            return;
        }
        // Nodes that start together on an empty database must not both create the first owner.
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", SeedLockKey);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            if (!await users.Users.AnyAsync(cancellationToken))
            {
                await SeedFirstTeamAsync(seed, cancellationToken);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", SeedLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static readonly (string Number, string Label)[] DemoNumbers =
    [
        ("+15122400101", "Austin (simulator)"),
        ("+14152400102", "San Francisco (simulator)"),
        ("+12122400103", "New York (simulator)"),
    ];

    private async Task SeedFirstTeamAsync(OutreachOptions.SeedSettings seed, CancellationToken cancellationToken)
    {
        var generated = string.IsNullOrEmpty(seed.OwnerPassword);
        var password = generated ? GeneratePassword() : seed.OwnerPassword!;
        var team = Team.Create(seed.TeamName, "America/New_York", clock);
        var owner = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = seed.OwnerEmail,
            Email = seed.OwnerEmail,
            EmailConfirmed = true,
            DisplayName = "Demo Owner",
            IsInstallationAdmin = true,
            LastTeamId = team.Id,
            CreatedAt = clock.GetUtcNow(),
            // A generated password has been on a screen or in a file: the owner replaces it before anything else.
            MustChangePassword = generated,
        };

        // The account first: if the configured e-mail or password is refused, no ownerless team is left.
        var created = await users.CreateAsync(owner, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not create the first owner: " + string.Join(" ", created.Errors.Select(e => e.Description)) +
                " Check Outreach:Seed:OwnerEmail and Outreach:Seed:OwnerPassword.");
        }
        await using (var db = dbFactory.CreateDbContext())
        {
            db.Teams.Add(team);
            db.Memberships.Add(Membership.Create(team.Id, owner.Id, TeamRole.Owner, clock));
            // The demo team sends through the simulator from three local-looking numbers.
            db.Add(MessagingSettings.CreateDefault(team.Id, clock));
            foreach (var (number, label) in DemoNumbers)
            {
                db.Add(SendingNumber.Register(team.Id, number, SmsProviderNames.Simulator, label, clock));
            }
            foreach (var (name, body) in Inbox.ReplyTemplates.Defaults)
            {
                db.Add(Domain.Inbox.ReplyTemplate.Create(team.Id, name, body, clock));
            }
            db.AddRange(Automation.FollowUpRules.DefaultsFor(team.Id, clock));
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.RecordAsync(team.Id, AuditActor.System, AuditActions.TeamCreated,
            $"Team {team.Name} created with owner {owner.Email}", new { team = team.Name, owner = owner.Email }, cancellationToken);

        if (generated)
        {
            var file = WriteCredentialsFile(seed.OwnerEmail, password);
            // The password goes to a terminal only: redirected output (a container, a service manager) ends up in a
            // log collector. It is always in the data folder's file, readable by this account alone; never in the log.
            if (!Console.IsOutputRedirected)
            {
                Console.Out.WriteLine(
                    $"{Environment.NewLine}  First run: sign in as {seed.OwnerEmail} with password {password}{Environment.NewLine}" +
                    $"  (also saved to {file}; you will be asked to choose your own at first sign-in){Environment.NewLine}");
            }
            logger.LogWarning("First run: created the owner {Email}; the generated password is in {File} and must be changed at first sign-in", seed.OwnerEmail, file);
        }
        else
        {
            logger.LogInformation("First run: created owner {Email} with the configured password", seed.OwnerEmail);
        }
    }

    private string WriteCredentialsFile(string email, string password)
    {
        var directory = Path.Combine(environment.ContentRootPath, options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "first-owner.txt");
        File.Delete(path);
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var writer = new StreamWriter(path, file);
        writer.Write($"e-mail: {email}{Environment.NewLine}password: {password}{Environment.NewLine}");
        return path;
    }

    private static string GeneratePassword()
    {
        // Unambiguous characters; always satisfies the password rules (upper, lower, digit, length).
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        var all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
