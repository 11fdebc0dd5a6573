using Bogus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Simulator;

namespace Outreach.Infrastructure.Seeding;

/// <summary>
/// Gives a first run something to triage: the simulator texts the demo team's numbers from made-up owners
/// with its usual mix of replies (e-mails, call-backs, questions, opt-outs...). Each reply goes through the
/// signed webhook, the classifier and the live inbox exactly as a real one would. It runs once, while the
/// team has no conversations, and only when the team's numbers use the simulator.
/// </summary>
internal sealed class DemoReplies(
    IOptions<OutreachOptions> options,
    NpgsqlDataSource ownerDatabase,
    IServiceProvider services,
    ISystemDbContextFactory systemContexts,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DemoReplies> logger) : BackgroundService
{
    private static readonly string[] AreaCodes = ["512", "214", "713", "404", "305", "312", "415", "602", "303", "615", "704", "919"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Seed.DemoReplies;
        if (count == 0 || services.GetService(typeof(ISimulatorControl)) is not ISimulatorControl simulator ||
            services.GetService(typeof(SimulatorReplyWriter)) is not SimulatorReplyWriter writer || !writer.CanReply)
        {
            return;
        }
        // The webhook is served by this very process: wait until it listens.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        try
        {
            var (teamId, numbers) = await DemoNumbersAsync(stoppingToken);
            if (numbers.Count == 0)
            {
                return;
            }
            logger.LogInformation("Sending {Count} simulated replies to the demo team so the inbox has something to triage", count);
            var random = new Random(20261122);
            var faker = new Faker("en") { Random = new Randomizer(20261122) };
            for (var i = 0; i < count; i++)
            {
                var (body, _, _) = writer.Write(random.Next());
                var exchange = random.Next(200, 999);
                // Not an N11 service code and not 555: every demo sender is a number that could exist.
                exchange = exchange % 100 == 11 || exchange == 555 ? exchange + 1 : exchange;
                var from = $"+1{AreaCodes[random.Next(AreaCodes.Length)]}{exchange}{random.Next(1000, 9999)}";
                // Most replies come from prospects the team imported; a few are strangers texting in.
                if (i % 5 != 4)
                {
                    await AddProspectAsync(teamId, from, faker, stoppingToken);
                }
                await simulator.SimulateInboundAsync(from, numbers[i % numbers.Count], body, stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(150), stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The demo replies could not all be sent; the console works without them");
        }
    }

    private async Task AddProspectAsync(Guid teamId, string phone, Faker faker, CancellationToken cancellationToken)
    {
        var values = new string?[Enum.GetValues<ProspectField>().Length];
        values[(int)ProspectField.FullName] = faker.Name.FullName();
        values[(int)ProspectField.Company] = faker.Company.CompanyName();
        values[(int)ProspectField.Title] = faker.PickRandom("Owner", "President", "CEO", "Founder", "General Manager");
        values[(int)ProspectField.Phone] = phone;
        values[(int)ProspectField.Revenue] = faker.Random.Int(8, 400).ToString(System.Globalization.CultureInfo.InvariantCulture) + "00000";
        if (ProspectRows.Normalize(values).Prospect is not { } normalized)
        {
            return;
        }
        await using var db = systemContexts.CreateDbContext();
        db.Add(Prospect.Create(teamId, normalized, clock));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The team and its simulator numbers, if it still has no conversation at all.</summary>
    private async Task<(Guid TeamId, IReadOnlyList<string> Numbers)> DemoNumbersAsync(CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand("""
            SELECT n.number, t.id FROM sending_numbers n JOIN teams t ON t.id = n.team_id
            WHERE t.name = @team AND n.provider = @provider AND n.is_active
              AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.team_id = t.id)
            ORDER BY n.number
            """);
        command.Parameters.AddWithValue("team", options.Value.Seed.TeamName);
        command.Parameters.AddWithValue("provider", SmsProviderNames.Simulator);
        var numbers = new List<string>();
        var teamId = Guid.Empty;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetString(0));
            teamId = reader.GetGuid(1);
        }
        return (teamId, numbers);
    }
}
