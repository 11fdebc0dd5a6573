namespace Outreach.Domain.Messaging;

/// <summary>How an SMS body travels: 7-bit GSM 03.38 when every character allows it, otherwise UCS-2.</summary>
public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}
