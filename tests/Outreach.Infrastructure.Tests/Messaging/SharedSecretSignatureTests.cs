using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.SignalHouse;

namespace Outreach.Infrastructure.Tests.Messaging;

public class SharedSecretSignatureTests
{
    private const string Secret = "whsec_test";
    private const string Body = """{"event":"MESSAGE_DELIVERED","identifier":"msg_1"}""";
    private static readonly DateTimeOffset SignedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Computed independently (Python's hmac module) over "1767225600.{Body}" and "1767225600000.{Body}".
    private const string SecondsVector = "b91467e296fb986a63f4aaf6b9b32de33bdba54964fab8ae75bfb8394729c2c6";
    private const string MillisecondsVector = "803ffb0fc4de44e7aba4261647edcb671466827b6c9a6b8fe3eb8f0d2802dc7c";

    [Fact]
    public void Compute_is_hex_hmac_sha256_over_timestamp_dot_body()
    {
        Assert.Equal(SecondsVector, SharedSecretSignature.Compute(Secret, "1767225600", Body));
    }

    [Fact]
    public void Sign_produces_headers_that_validate()
    {
        var (timestamp, signature) = SharedSecretSignature.Sign(Secret, Body, SignedAt);

        Assert.Equal("1767225600", timestamp);
        Assert.Equal(SecondsVector, signature);
        Assert.True(SharedSecretSignature.IsValid(Secret, timestamp, Body, signature, SignedAt.AddSeconds(3)));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void A_signature_within_five_minutes_either_way_is_valid(int secondsLater)
    {
        Assert.True(SharedSecretSignature.IsValid(Secret, "1767225600", Body, SecondsVector, SignedAt.AddSeconds(secondsLater)));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_replay_outside_the_tolerance_is_rejected(int secondsLater)
    {
        Assert.False(SharedSecretSignature.IsValid(Secret, "1767225600", Body, SecondsVector, SignedAt.AddSeconds(secondsLater)));
    }

    [Fact]
    public void Upper_case_hex_is_accepted()
    {
        Assert.True(SharedSecretSignature.IsValid(Secret, "1767225600", Body, SecondsVector.ToUpperInvariant(), SignedAt));
    }

    [Theory]
    [InlineData("1767225600", """{"event":"MESSAGE_DELIVERED","identifier":"msg_2"}""", SecondsVector)] // tampered body
    [InlineData("1767225601", Body, SecondsVector)] // timestamp moved
    [InlineData("01767225600", Body, SecondsVector)] // same number, different signed text
    [InlineData("1767225600", Body, "not-hex")]
    [InlineData("1767225600", Body, "")]
    [InlineData("1767225600", Body, null)]
    [InlineData(null, Body, SecondsVector)]
    [InlineData("-1767225600", Body, SecondsVector)]
    [InlineData("99999999999999999999", Body, SecondsVector)]
    public void Anything_but_the_exact_signed_request_is_rejected(string? timestamp, string body, string? signature)
    {
        Assert.False(SharedSecretSignature.IsValid(Secret, timestamp, body, signature, SignedAt));
    }

    [Fact]
    public void Another_secret_is_rejected()
    {
        Assert.False(SharedSecretSignature.IsValid("whsec_other", "1767225600", Body, SecondsVector, SignedAt));
    }

    [Fact]
    public void SignalHouse_signs_the_same_way_with_millisecond_timestamps()
    {
        Assert.Equal(MillisecondsVector, SignalHouseSignature.Compute(Secret, "1767225600000", Body));
        Assert.True(SignalHouseSignature.IsValid(Secret, "1767225600000", Body, MillisecondsVector, SignedAt.AddMinutes(4)));
        Assert.False(SignalHouseSignature.IsValid(Secret, "1767225600000", Body, MillisecondsVector, SignedAt.AddMinutes(6)));
        Assert.Equal(("1767225600000", MillisecondsVector), SignalHouseSignature.Sign(Secret, Body, SignedAt));
    }

    [Fact]
    public void A_seconds_timestamp_sent_to_the_signalhouse_check_is_rejected_as_stale()
    {
        // Read as milliseconds, 1767225600 is January 1970.
        Assert.False(SignalHouseSignature.IsValid(Secret, "1767225600", Body, SecondsVector, SignedAt));
    }
}
