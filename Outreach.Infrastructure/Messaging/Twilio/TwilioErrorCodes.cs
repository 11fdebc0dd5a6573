namespace Outreach.Infrastructure.Messaging.Twilio;

/// <summary>
/// Twilio error codes that decide whether a message is worth sending again. The same codes arrive in API error
/// bodies (<c>code</c>), on message resources (<c>error_code</c>) and in status callbacks (<c>ErrorCode</c>).
/// </summary>
public static class TwilioErrorCodes
{
    /// <summary>The recipient replied STOP to this sender: add the number to the suppression list.</summary>
    public const int UnsubscribedRecipient = 21610;

    public const int TooManyRequests = 20429;

    public const int QueueOverflow = 30001;

    private static readonly HashSet<int> Transient =
    [
        20429, // Too many requests
        20500, // Internal server error
        20503, // Service unavailable
        30001, // Queue overflow: Twilio's per-sender queue was full
        30002, // Account suspended: fix the account, the message is fine
        30003, // Unreachable destination handset: phone off or out of coverage
        20003, // Authentication failed: our credentials, not the message
    ];

    private static readonly HashSet<int> Permanent =
    [
        21211, // Invalid 'To' phone number
        21214, // 'To' phone number cannot be reached
        21217, // Phone number does not appear to be valid
        21265, // 'To' number cannot be a short code
        21266, // 'To' and 'From' cannot be the same
        21408, // Permission to send to this region is not enabled
        21602, // Message body is required
        21606, // 'From' is not a valid message-capable Twilio number for this destination
        21610, // Recipient unsubscribed (replied STOP)
        21612, // 'To' cannot be reached from this 'From'
        21614, // 'To' is not a valid mobile number
        21617, // Body exceeds 1600 characters
        30004, // Message blocked by the recipient or carrier
        30005, // Unknown destination handset
        30006, // Landline or unreachable carrier
        30007, // Filtered by the carrier as spam or content violation
        30034, // Sender is not registered for US A2P 10DLC
    ];

    /// <summary>The kind of failure a code means, or null when the HTTP status should decide.</summary>
    public static ProviderFailureKind? Classify(int code) =>
        Transient.Contains(code) ? ProviderFailureKind.Transient
        : Permanent.Contains(code) ? ProviderFailureKind.Permanent
        : null;
}
