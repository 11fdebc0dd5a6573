using System.Threading.Channels;

namespace Outreach.Console.Features.Account;

/// <summary>
/// Takes reset requests off the request path: the form answers at once and alike whether or not the address has an
/// account, so neither its words nor its timing (a token and an SMTP round trip, or nothing) tell which addresses exist.
/// A request held here when the node stops is lost; the person asks again.
/// </summary>
public sealed class PasswordResetMailer(IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    // Bounded: the sign-in rate limit already caps each client; this caps what many clients together can queue.
    private readonly Channel<PasswordResetRequest> _requests = Channel.CreateBounded<PasswordResetRequest>(
        new BoundedChannelOptions(500) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public void Enqueue(PasswordResetRequest request)
    {
        if (!_requests.Writer.TryWrite(request))
        {
            logger.LogWarning("Too many password reset requests are waiting; one was dropped");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PasswordResets>().SendLinkAsync(request, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "A password reset request failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
