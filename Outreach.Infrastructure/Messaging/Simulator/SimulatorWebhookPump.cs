using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// Posts scheduled webhooks as they fall due, at most <see cref="SimulatorOptions.MaxConcurrentWebhooks"/> at
/// a time. A failed attempt goes back on the queue with a backoff instead of holding its slot, so a console
/// that is briefly down delays its own callbacks without stalling everyone else's. Webhooks still queued when
/// the host stops are dropped: the simulator stands in for a network, and its state is only a demo's.
/// </summary>
internal sealed class SimulatorWebhookPump(
    SimulatorWebhookQueue queue, SimulatorWebhookSender sender, ILogger<SimulatorWebhookPump> logger) : BackgroundService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // The webhook first, then a slot: an idle pump must not sit on a slot that
                // SimulateInboundAsync could use (with one slot configured it would wait forever).
                var webhook = await queue.DequeueDueAsync(stoppingToken);
                await sender.WaitForSlotAsync(stoppingToken);
                _ = DeliverAsync(webhook, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("SMS simulator stopped with {Pending} send(s) still to report", queue.PendingChains);
        }
        finally
        {
            // Deliveries in flight see the cancellation at once; waiting for them means none outlives the
            // services (HttpClient, loggers) the host disposes next.
            await sender.WaitForAllSlotsAsync(DrainTimeout);
        }
    }

    private async Task DeliverAsync(SimulatorWebhook webhook, CancellationToken stoppingToken)
    {
        try
        {
            var (result, detail) = await sender.AttemptAsync(webhook, stoppingToken);
            if (result == WebhookAttemptResult.Retry && sender.MayRetry(webhook))
            {
                queue.Retry(webhook, sender.RetryDelay(webhook.Attempts));
                return;
            }
            if (result != WebhookAttemptResult.Accepted)
            {
                sender.LogGaveUp(webhook, detail);
            }
            // Even when this one was given up on, the rest of the chain follows, as Twilio's would.
            queue.Complete(webhook);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "SMS simulator failed to post the {Webhook} webhook for {MessageSid}", webhook.Kind, webhook.MessageSid);
            queue.Complete(webhook);
        }
        finally
        {
            sender.ReleaseSlot();
        }
    }
}
