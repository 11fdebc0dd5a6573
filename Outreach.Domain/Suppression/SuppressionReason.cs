namespace Outreach.Domain.Suppression;

public enum SuppressionReason
{
    OptOutKeyword,
    Manual,
    Bounce,
    Complaint,
    ImportedList,
}
