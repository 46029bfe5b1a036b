using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portcullis.Integrity.Releases;

/// <summary>What a release token binds: the release, the container, the collecting party and the expiry.</summary>
public sealed record ReleaseClaims(Guid ReleaseId, string ContainerNumber, Guid HaulierOrganisationId, string? DriverId, DateTime ExpiresAt);

/// <summary>A token as read from text, not yet checked against its release.</summary>
public sealed record ParsedReleaseToken(Guid ReleaseId, byte[] Nonce, byte[] Mac);

/// <summary>
/// The one-time release token: <c>pcr1.{release id}.{nonce}.{mac}</c>, nonce 16 random bytes and
/// mac the HMAC-SHA256 over the claims and the nonce, both base64url. The release id finds the row;
/// the nonce makes the token unguessable; the mac binds container, haulier, driver and expiry, so a
/// row changed in the database (another container or haulier) no longer matches its token. HMAC,
/// not a signature: only Portcullis verifies (the terminal asks it by API), so no public key has to
/// be handed out, and the token stays short enough to type or print as a QR code.
/// </summary>
public static class ReleaseTokenFormat
{
    public const string Prefix = "pcr1";

    private const int NonceBytes = 16;

    private const int MacBytes = 32;

    public static string Create(ReleaseClaims claims, byte[] key)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        return $"{Prefix}.{claims.ReleaseId:N}.{Base64Url(nonce)}.{Base64Url(Mac(claims, nonce, key))}";
    }

    /// <summary>The token's parts, or null with the reason when it is not a release token at all.</summary>
    public static (ParsedReleaseToken? Token, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "The token is missing; send the release token the haulier presents.");
        }

        var parts = text.Trim().Split('.');
        if (parts.Length != 4 || parts[0] != Prefix)
        {
            return (null, $"This is not a release token; one looks like {Prefix}.<32 hex>.<nonce>.<mac>.");
        }

        if (!Guid.TryParseExact(parts[1], "N", out var id)
            || FromBase64Url(parts[2]) is not { Length: NonceBytes } nonce
            || FromBase64Url(parts[3]) is not { Length: MacBytes } mac)
        {
            return (null, "The release token is damaged (a part has the wrong length or characters); ask the haulier to present it again.");
        }

        return (new ParsedReleaseToken(id, nonce, mac), null);
    }

    /// <summary>Whether the token's mac matches these claims, in fixed time.</summary>
    public static bool Matches(ParsedReleaseToken token, ReleaseClaims claims, byte[] key) =>
        token.ReleaseId == claims.ReleaseId && CryptographicOperations.FixedTimeEquals(token.Mac, Mac(claims, token.Nonce, key));

    /// <summary>What is stored instead of the token: hex SHA-256 of its text.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    private static byte[] Mac(ReleaseClaims claims, byte[] nonce, byte[] key)
    {
        var text = string.Join('|', Prefix, claims.ReleaseId.ToString("N"), claims.ContainerNumber, claims.HaulierOrganisationId.ToString("N"), claims.DriverId ?? "",
            claims.ExpiresAt.ToString("O", CultureInfo.InvariantCulture), Base64Url(nonce));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
