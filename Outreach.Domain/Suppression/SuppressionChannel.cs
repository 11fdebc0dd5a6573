namespace Outreach.Domain.Suppression;

public enum SuppressionChannel
{
    Sms,
    Email,
}
