namespace Outreach.Domain.Common;

/// <summary>A rule of the domain was broken; the message is written for the operator.</summary>
public class DomainException(string message) : Exception(message);
