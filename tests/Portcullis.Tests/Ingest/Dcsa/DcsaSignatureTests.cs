using System.Security.Cryptography;
using System.Text;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Tests.Ingest.Dcsa;

public sealed class DcsaSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("MyVerySecretSharedSecret");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("[{\"metadata\":{\"eventID\":\"e-1\"}}]\n");

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_the_body_under_the_secret()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        var header = DcsaSignature.Compute("what do ya want for nothing?"u8, "Jefe"u8);

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", header);
        Assert.Equal("Notification-Signature", DcsaSignature.HeaderName);
    }

    [Fact]
    public void A_valid_signature_verifies_in_any_hex_case_and_with_surrounding_spaces()
    {
        var header = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Secret, Body));

        Assert.Null(DcsaSignature.Verify(header, Body, Secret));
        Assert.Null(DcsaSignature.Verify("  " + header.ToLowerInvariant() + " ", Body, Secret));
        Assert.True(DcsaSignature.IsValid(DcsaSignature.Compute(Body, Secret), Body, Secret));
    }

    [Fact]
    public void A_tampered_body_or_another_secret_does_not_verify()
    {
        var header = DcsaSignature.Compute(Body, Secret);
        var tampered = (byte[])Body.Clone();
        tampered[20] ^= 1;

        Assert.Equal("dcsa.signature-mismatch", DcsaSignature.Verify(header, tampered, Secret)!.Code);
        Assert.Equal("dcsa.signature-mismatch", DcsaSignature.Verify(header, Body, "other"u8)!.Code);
        Assert.Equal("dcsa.signature-mismatch", DcsaSignature.Verify(header, Body.AsSpan(0, Body.Length - 1), Secret)!.Code);
    }

    [Theory]
    [InlineData(null, "dcsa.signature-missing")]
    [InlineData("", "dcsa.signature-missing")]
    [InlineData("   ", "dcsa.signature-missing")]
    [InlineData("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "dcsa.signature-malformed")]
    [InlineData("=5bdc", "dcsa.signature-malformed")]
    [InlineData("sha256=5bdc", "dcsa.signature-malformed")]
    [InlineData("sha256=zzdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "dcsa.signature-malformed")]
    [InlineData("sha1=5bdcc146bf60754e6a042426089575c75a003f08", "dcsa.signature-type")]
    public void Missing_malformed_and_unknown_signatures_have_their_own_messages(string? header, string code)
    {
        var issue = DcsaSignature.Verify(header, Body, Secret);

        Assert.NotNull(issue);
        Assert.Equal(code, issue.Code);
        Assert.Contains("Notification-Signature", issue.Message, StringComparison.Ordinal);
        Assert.Single(issue.Message.Split(". ", StringSplitOptions.None));
    }
}
