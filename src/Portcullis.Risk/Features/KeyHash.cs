namespace Portcullis.Risk.Features;

/// <summary>
/// 64-bit FNV-1a hashes for entity keys. The history store keys its counters by hash rather than by
/// concatenated strings so that a million cases cost no string allocations; with 64 bits a
/// collision between two real keys is negligible. Zero means "no key" (the value was empty).
/// </summary>
internal static class KeyHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Hash of a text; 0 when it is empty.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var h = Offset;
        foreach (var c in text)
        {
            h = unchecked((h ^ c) * Prime);
        }

        return h == 0 ? 1 : h;
    }

    /// <summary>Hash of the first <paramref name="length"/> characters; 0 when the text is shorter (no such prefix).</summary>
    public static ulong Prefix(string text, int length) => text.Length < length ? 0 : Of(text.AsSpan(0, length));

    /// <summary>Combines a family id with one component; 0 when the component is missing.</summary>
    public static ulong Mix(int family, ulong a) => a == 0 ? 0 : Finish(unchecked(a ^ ((ulong)family * 0x9E3779B97F4A7C15UL)));

    /// <summary>Combines a family id with two components; 0 when either is missing.</summary>
    public static ulong Mix(int family, ulong a, ulong b) =>
        a == 0 || b == 0 ? 0 : Finish(unchecked(a ^ (RotateLeft(b, 23) * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)family * 0x9E3779B97F4A7C15UL)));

    private static ulong RotateLeft(ulong x, int n) => (x << n) | (x >> (64 - n));

    // The splitmix64 finaliser spreads the bits so that dictionary buckets stay even.
    private static ulong Finish(ulong x)
    {
        unchecked
        {
            x ^= x >> 30;
            x *= 0xBF58476D1CE4E5B9UL;
            x ^= x >> 27;
            x *= 0x94D049BB133111EBUL;
            x ^= x >> 31;
            return x == 0 ? 1 : x;
        }
    }
}
