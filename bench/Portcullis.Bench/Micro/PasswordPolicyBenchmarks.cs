using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Portcullis.Access;

namespace Portcullis.Bench.Micro;

/// <summary>
/// What the password policy (zxcvbn) costs per password set, against the hash every password set
/// pays anyway (ASP.NET Core Identity's PBKDF2): the policy must not make a password change an
/// easy way to load the server, also at the longest password accepted (200 characters).
/// </summary>
[MemoryDiagnoser]
public class PasswordPolicyBenchmarks
{
    private static readonly PasswordHasher<object> Hasher = new();

    private const string Passphrase = "tulip-harbour-crane-41";

    // Worst case for zxcvbn's matchers: long, mixed, with repeats, sequences and dictionary words.
    private static readonly string Longest = string.Concat(Enumerable.Repeat("Harbour-1234-qwerty-tulip!", 8))[..200];

    [Benchmark(Baseline = true)]
    public string HashPassphrase() => Hasher.HashPassword(new object(), Passphrase);

    [Benchmark]
    public void PolicyPassphrase() => Accounts.CheckPasswordStrength(Passphrase, "analyst");

    [Benchmark]
    public int PolicyLongest()
    {
        try
        {
            Accounts.CheckPasswordStrength(Longest, "analyst");
            return 1;
        }
        catch (AccessRuleException)
        {
            return 0;
        }
    }
}
