namespace Outreach.Domain.Messaging;

/// <summary>
/// What a body costs to send. <see cref="Characters"/> is in the encoding's units: septets for GSM-7 (an
/// extension-table character such as '€' or '{' takes two), UTF-16 code units for UCS-2 (an emoji takes two).
/// </summary>
public readonly record struct SmsSegmentInfo(SmsEncoding Encoding, int Characters, int Segments);
