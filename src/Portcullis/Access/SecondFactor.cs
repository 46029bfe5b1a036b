using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Portcullis.Access;

/// <summary>A new TOTP secret to show once (for an authenticator app) and its protected form to post back with the first code.</summary>
public sealed record TotpEnrolment(string Secret, string Uri, string Protected);

/// <summary>
/// Time-based one-time passwords (RFC 6238, Otp.NET) as a second factor. The secret is stored only
/// under ASP.NET Core data protection (the keys folder), so a copy of the database alone does not
/// give it away; a code is accepted once (its time step is remembered).
/// </summary>
public sealed class SecondFactor(TimeProvider clock, IDataProtectionProvider protection, IConfiguration configuration)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Portcullis.Access.Totp");

    /// <summary>Whether the account's role must use a second factor (setting Access:SecondFactorRoles).</summary>
    public bool IsRequiredFor(string role) =>
        (configuration.GetSection("Access:SecondFactorRoles").Get<string[]>() ?? []).Contains(role, StringComparer.Ordinal);

    public TotpEnrolment Begin(string userName)
    {
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        var uri = $"otpauth://totp/Portcullis:{Uri.EscapeDataString(userName)}?secret={secret}&issuer=Portcullis";
        return new TotpEnrolment(secret, uri, _protector.Protect(secret));
    }

    /// <summary>Stores the secret when the first code from it is right; false (nothing stored) otherwise.</summary>
    public bool Complete(Account account, string protectedSecret, string? code)
    {
        string secret;
        try
        {
            secret = _protector.Unprotect(protectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }

        if (!Matches(secret, code, account.TotpLastStep, out var step))
        {
            return false;
        }

        account.TotpSecret = _protector.Protect(secret);
        account.TotpLastStep = step;
        account.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        return true;
    }

    /// <summary>Checks a code against the account's secret and remembers its step (staged with the sign-in).</summary>
    public bool Verify(Account account, string? code)
    {
        if (account.TotpSecret is null)
        {
            return true;
        }

        if (!Matches(_protector.Unprotect(account.TotpSecret), code, account.TotpLastStep, out var step))
        {
            return false;
        }

        account.TotpLastStep = step;
        return true;
    }

    private bool Matches(string secret, string? code, long? lastStep, out long step)
    {
        step = 0;
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        // One step either side: phones' clocks drift. A step already used is refused (no replay).
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out step, new VerificationWindow(1, 1)) && step > (lastStep ?? -1);
    }
}
