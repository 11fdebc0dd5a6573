namespace Outreach.Infrastructure.Messaging;

/// <summary>A gateway that sends SMS: Twilio, SignalHouse or the embedded simulator.</summary>
public interface ISmsProvider
{
    /// <summary>"twilio", "signalhouse", "simulator" (see <see cref="SmsProviderNames"/>).</summary>
    string Name { get; }

    /// <summary>
    /// Sends one message. Provider refusals, outages and timeouts come back as a result, never as an exception;
    /// only cancellation by <paramref name="cancellationToken"/> throws.
    /// </summary>
    Task<ProviderSendResult> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// After a crash between claiming a message and recording the provider's acknowledgement we must not send twice:
    /// returns the provider's id for a message previously accepted for this request, or null when the provider has no record of it.
    /// </summary>
    /// <exception cref="SmsProviderUnavailableException">The provider could not be asked; try again later rather than assume "not sent".</exception>
    Task<string?> FindPreviousSendAsync(ProviderSendRequest request, DateTimeOffset since, CancellationToken cancellationToken);
}
