using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Outreach.Infrastructure.Events;

namespace Outreach.Console.Features.Account;

/// <summary>
/// A circuit can live for hours. Every minute, and at once when a live event says this user's sessions ended or
/// the team's members changed (on any node), check that its user still exists with the same security stamp and
/// still holds the same role in the same team; otherwise the circuit becomes anonymous.
/// </summary>
/// <remarks>
/// Becoming anonymous is what ends the session: <see cref="Shared.TenantCircuitHandler"/> then clears the circuit's
/// member and tenant scope, so every service call from a page still on screen is refused, and the route view
/// re-renders into <see cref="Components.RedirectToLogin"/>, which sends the browser to sign-in.
/// </remarks>
public sealed class MembershipRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILiveEventStream _events;
    private readonly ILogger _logger;
    private IDisposable? _subscription;
    private bool _disposed;

    public MembershipRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, ILiveEventStream events)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _events = events;
        _logger = loggerFactory.CreateLogger<MembershipRevalidatingAuthenticationStateProvider>();
    }

    /// <summary>
    /// Starts listening for the live events that can end this session; called once a circuit opens. A request's
    /// own provider (a page rendered on the server) never listens: flipping it mid-response would re-render a page
    /// being written, and the cookie is checked on the next request anyway.
    /// </summary>
    public void WatchLiveEvents()
    {
        AuthenticationStateChanged += OnAuthenticationStateChanged;
        OnAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionValidator>().IsCurrentAsync(state.User, sameRole: true, cancellationToken);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) => _ = WatchAsync(state);

    // Listens for the events that can end this circuit's session, for the user and team it now has.
    private async Task WatchAsync(Task<AuthenticationState> state)
    {
        ClaimsPrincipal user;
        try
        {
            user = (await state).User;
        }
        catch (Exception)
        {
            user = Anonymous.User;
        }
        var next = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) &&
                   Guid.TryParse(user.FindFirstValue(OutreachClaimTypes.TeamId), out var teamId) && !_disposed
            ? _events.Subscribe(teamId, e => OnLiveEventAsync(e, userId))
            : null;
        Interlocked.Exchange(ref _subscription, next)?.Dispose();
    }

    private Task OnLiveEventAsync(LiveEvent liveEvent, Guid userId)
    {
        var concernsUs = liveEvent.Kind switch
        {
            // Published for every team at once (TeamId null): only this user's circuits need to look.
            LiveEventKinds.SessionsEnded => liveEvent["userId"] == userId.ToString(),
            LiveEventKinds.MembersChanged or LiveEventKinds.Resync => true,
            _ => false,
        };
        return concernsUs ? RevalidateNowAsync() : Task.CompletedTask;
    }

    private async Task RevalidateNowAsync()
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated != true || await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                return;
            }
            _logger.LogInformation("A circuit's session ended: its user was signed out everywhere or lost their membership");
            SetAuthenticationState(Task.FromResult(Anonymous));
        }
        catch (Exception ex)
        {
            // The minute's loop checks again; a database blip must not end anyone's session.
            _logger.LogWarning(ex, "Could not re-check a circuit's session after a live event");
        }
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        Interlocked.Exchange(ref _subscription, null)?.Dispose();
        base.Dispose(disposing);
    }
}
