using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Console.Features.Account;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Console.Tests;

/// <summary>
/// Holds every service a person calls (pages, endpoints) to the permission table: each public method says what it
/// demands (<see cref="RequiresAttribute"/>) or that it only reads (<see cref="ReadOnlyAttribute"/>), and each
/// demanding method, called by every role, refuses exactly the roles the table refuses, before writing anything.
/// Runs on a host and database of its own: the allowed calls really run (with empty arguments, so most stop early),
/// and some of them engage kill switches.
/// </summary>
public sealed class ServiceAuthorizationTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>, IAsyncLifetime
{
    // Plumbing that builds the tenant scope or signs people in: it runs before there is a caller to check.
    private static readonly string[] PlumbingNamespaces =
    [
        "Outreach.Infrastructure.Data", "Outreach.Infrastructure.Tenancy", "Outreach.Infrastructure.Seeding",
        "Outreach.Console.Features.Account", "Outreach.Console.Features.Shared", "Outreach.Console.Endpoints",
    ];

    // Sign-in bookkeeping across teams (which teams may this account enter, which invitation a link or a provider's
    // address redeems): the system's, before the person has a team.
    private static readonly Type[] PlumbingTypes = [typeof(MembershipDirectory), typeof(InvitationDirectory)];

    private WebApplicationFactory<Program> _host = null!;
    private IServiceCollection _services = null!;
    private Guid _team;
    private readonly Dictionary<string, Caller> _callers = [];

    public static TheoryData<string> Cases() => new(CaseNames);

    private static readonly string[] CaseNames =
        [.. Enum.GetNames<TeamRole>(), "no role", "installation admin without a role", "installation admin and owner"];

    public async Task InitializeAsync()
    {
        _host = factory.Variant("authz-tests", builder => builder.ConfigureServices(services => _services = services));
        _ = _host.Server;
        using var scope = _host.Services.CreateScope();
        await using var db = scope.ServiceProvider.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        var team = Team.Create("Authorization " + Guid.NewGuid().ToString("N")[..6], "America/Chicago", TimeProvider.System);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        _team = team.Id;
        foreach (var name in CaseNames)
        {
            TeamRole? role = Enum.TryParse<TeamRole>(name, out var parsed) ? parsed : name.EndsWith("owner", StringComparison.Ordinal) ? TeamRole.Owner : null;
            var admin = name.StartsWith("installation admin", StringComparison.Ordinal);
            var email = $"{name.Replace(' ', '-')}-{Guid.NewGuid():N}@authz.test";
            var user = new AppUser
            {
                Id = Guid.NewGuid(), Email = email, UserName = email, DisplayName = name + " person", IsInstallationAdmin = admin, CreatedAt = DateTimeOffset.UtcNow,
            };
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(user, "Authz-Tests-Pass1")).Succeeded);
            if (role is { } held)
            {
                db.Memberships.Add(Membership.Create(team.Id, user.Id, held, TimeProvider.System));
            }
            _callers[name] = new Caller(user.Id, user.DisplayName, role, admin);
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Every_public_method_of_every_service_a_person_calls_has_a_rule()
    {
        var services = ServiceTypes();
        // Discovery must not go quiet: these are the services the pages and endpoints change things through.
        Assert.Superset(
            new HashSet<string>
            {
                "CampaignService", "KillSwitches", "GlobalKillSwitch", "SuppressionList", "ImportService", "ProspectService", "InboxActions",
                "ReplyTemplates", "OperatorTasks", "FollowUpRules", "MessagingAdministration", "ScheduleCalendar", "WeeklyReportSubscriptions",
                "ReportExporter", "UserAppearance", "TeamAdministration",
            },
            services.Select(t => t.Name).ToHashSet());
        var unruled = services.SelectMany(PublicMethods)
            .Where(m => m.GetCustomAttribute<RequiresAttribute>() is null && m.GetCustomAttribute<ReadOnlyAttribute>() is null)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.True(unruled.Count == 0, "Give these methods [Requires(Permission.X)] or [ReadOnly]: " + string.Join(", ", unruled));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_demanding_method_refuses_exactly_the_callers_the_table_refuses(string callerCase)
    {
        var caller = _callers[callerCase];
        var failures = new List<string>();
        var checkedMethods = 0;
        foreach (var method in ServiceTypes().SelectMany(PublicMethods).Where(m => m.GetCustomAttribute<RequiresAttribute>() is not null))
        {
            var permission = method.GetCustomAttribute<RequiresAttribute>()!.Permission;
            var allowed = Permissions.Allows(permission, caller.Role, caller.IsInstallationAdmin);
            var before = allowed ? null : await FingerprintAsync();
            var outcome = await CallAsync(method, caller);
            var name = $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";
            checkedMethods++;
            if (allowed && outcome is PermissionDeniedException allowedButRefused)
            {
                failures.Add($"{name} refused a caller the table allows {permission}: {allowedButRefused.Message}");
            }
            else if (!allowed && outcome is not PermissionDeniedException)
            {
                failures.Add($"{name} let through a caller the table refuses {permission} ({outcome?.GetType().Name ?? "no error"}: {outcome?.Message})");
            }
            else if (!allowed && outcome is PermissionDeniedException refused)
            {
                if (refused.Permission != permission)
                {
                    failures.Add($"{name} is marked {permission} but demanded {refused.Permission}");
                }
                if (await FingerprintAsync() != before)
                {
                    failures.Add($"{name} wrote something before refusing");
                }
            }
        }
        Assert.True(checkedMethods > 40, $"Only {checkedMethods} demanding methods were found.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Background_work_passes_and_a_person_without_a_role_or_a_sign_in_does_not()
    {
        var team = Guid.NewGuid();
        TenantScope.System.Demand(Permission.StopAllSending);
        TenantScope.ForTeam(team).Demand(Permission.ManageMembers);

        var noRole = Assert.Throws<PermissionDeniedException>(() => TenantScope.ForTeam(team, Guid.NewGuid()).Demand(Permission.WorkInbox));
        var agent = Assert.Throws<PermissionDeniedException>(() =>
            TenantScope.For(team, new Caller(Guid.NewGuid(), "Ana", TeamRole.Agent)).Demand(Permission.ManageCampaigns));
        var owner = Assert.Throws<PermissionDeniedException>(() =>
            TenantScope.For(team, new Caller(Guid.NewGuid(), "Olga", TeamRole.Owner)).Demand(Permission.StopAllSending));
        Assert.Throws<PermissionDeniedException>(() => new TenantScope().Demand(Permission.SeeTeam));

        Assert.Equal("You have no role in this team, so you cannot reply to or change conversations.", noRole.Message);
        Assert.Equal("Your role (Agent) cannot manage campaigns.", agent.Message);
        Assert.Equal("Only an installation administrator can stop or resume sending for every team.", owner.Message);
    }

    private IReadOnlyList<Type> ServiceTypes()
    {
        var ours = new[] { typeof(TenantScope).Assembly, typeof(CurrentMember).Assembly };
        return _services
            .Where(d => d.Lifetime != ServiceLifetime.Singleton && !d.IsKeyedService && d.ImplementationType is { IsClass: true, IsAbstract: false } t
                && ours.Contains(t.Assembly) && !PlumbingNamespaces.Contains(t.Namespace) && !PlumbingTypes.Contains(t)
                // Jobs run as the system; they are registered only where the scheduler runs.
                && !typeof(Quartz.IJob).IsAssignableFrom(t))
            .Select(d => d.ImplementationType!)
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<MethodInfo> PublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName);

    /// <summary>Calls the method as <paramref name="caller"/> would from a page, with empty arguments; returns what it threw.</summary>
    private async Task<Exception?> CallAsync(MethodInfo method, Caller caller)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentMember>().Initialize(Principal(caller));
        // The member keeps a team only with a role; the scope keeps it regardless, as a stale circuit would.
        scope.ServiceProvider.GetRequiredService<TenantScope>().ActAs(_team, caller);
        var service = scope.ServiceProvider.GetRequiredService(method.DeclaringType!);
        var arguments = method.GetParameters()
            .Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        try
        {
            if (method.Invoke(service, arguments) is Task task)
            {
                await task;
            }
            return null;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return ex.InnerException;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private ClaimsPrincipal Principal(Caller caller)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.UserId.ToString()),
            new(OutreachClaimTypes.DisplayName, caller.DisplayName),
            new(OutreachClaimTypes.TeamId, _team.ToString()),
            new(OutreachClaimTypes.TeamName, "Authorization"),
        };
        if (caller.Role is { } role)
        {
            claims.Add(new Claim(OutreachClaimTypes.TeamRole, role.ToString()));
        }
        if (caller.IsInstallationAdmin)
        {
            claims.Add(new Claim(OutreachClaimTypes.InstallationAdmin, "true"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    /// <summary>
    /// Everything this test's team owns, the installation's settings and the test's accounts, as one hash: a refused
    /// call must leave it as it was.
    /// </summary>
    private async Task<string> FingerprintAsync()
    {
        var owner = _host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await owner.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = 'public' AND c.column_name = 'team_id' ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var parts = tables.Select(t => $"(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM \"{t}\" x WHERE x.team_id = @team)")
            .Append("(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM installation_settings x)")
            .Append("(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM users x WHERE x.id = ANY(@users))")
            .Append("(SELECT count(*)::text FROM audit_entries)");
        await using var command = new NpgsqlCommand($"SELECT concat_ws(',', {string.Join(", ", parts)})", connection);
        command.Parameters.AddWithValue("team", _team);
        command.Parameters.AddWithValue("users", _callers.Values.Select(c => c.UserId).ToArray());
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
