using System.Security.Cryptography;

namespace Portcullis.Ingest.Dcsa;

/// <summary>
/// The DCSA callback signature (Event Domain 2.x and 3.x, used by TNT 2.2, TNT 3 and IoT 1.0):
/// header <c>Notification-Signature: sha256=&lt;hex&gt;</c>, where hex is HMAC-SHA256 of the raw
/// request body bytes under the secret agreed when subscribing. sha256 is the only signature type
/// the standard defines. The deprecated <c>Signature</c> header is not supported.
/// </summary>
public static class DcsaSignature
{
    public const string HeaderName = "Notification-Signature";

    private const string Scheme = "sha256=";

    /// <summary>The header value for a body: <c>sha256=</c> and 64 lower-case hex digits.</summary>
    public static string Compute(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, body, mac);
        return Scheme + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// Checks a header value against the body; null when it matches, otherwise the issue to answer
    /// with. The comparison is constant-time so that response timing does not leak the signature.
    /// </summary>
    public static IngestIssue? Verify(string? headerValue, ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return IngestIssue.Error("dcsa.signature-missing", $"The request has no {HeaderName} header; sign the body with the subscription secret as sha256=<hex HMAC-SHA256>.");
        }

        var value = headerValue.AsSpan().Trim();
        var equals = value.IndexOf('=');
        if (equals <= 0)
        {
            return IngestIssue.Error("dcsa.signature-malformed", $"The {HeaderName} header is not of the form <type>=<hex>; send sha256=<hex HMAC-SHA256 of the body>.");
        }

        if (!value[..equals].Equals("sha256", StringComparison.OrdinalIgnoreCase))
        {
            return IngestIssue.Error("dcsa.signature-type", $"The {HeaderName} header uses signature type '{value[..equals]}'; only sha256 is defined by DCSA.");
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var hex = value[(equals + 1)..];
        if (hex.Length != 2 * given.Length || Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
        {
            return IngestIssue.Error("dcsa.signature-malformed", $"The {HeaderName} signature is not 64 hex digits; send the full hex HMAC-SHA256 of the body.");
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? null
            : IngestIssue.Error("dcsa.signature-mismatch", $"The {HeaderName} does not match the body; sign the exact bytes sent with the current subscription secret.");
    }

    /// <summary>True when the header matches the body.</summary>
    public static bool IsValid(string? headerValue, ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret) =>
        Verify(headerValue, body, secret) is null;
}
