using System.Numerics;

namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// Vector exp(−a) and a seeded random generator whose results are the same on every machine: the
/// same seed must give the same pixels, whatever the vector width or runtime (the runtime's vector
/// exponential and <see cref="Random"/>'s algorithm are free to change).
/// </summary>
internal static class FastMath
{
    /// <summary>exp(−a) for a ≥ 0 (relative error below 2·10⁻⁷, 0 beyond a = 87): 2^(−a·log₂e) split into 2ⁿ·2^f.</summary>
    public static Vector<float> ExpNegative(Vector<float> a)
    {
        var x = Vector.Max(a * -1.44269504f, new Vector<float>(-126f));
        var n = Vector.Floor(x);
        var f = x - n;

        // 2^f on [0, 1): degree-6 Taylor polynomial of e^(f ln 2) in Horner form.
        var p = new Vector<float>(1.5403530e-4f);
        p = (p * f) + new Vector<float>(1.3333558e-3f);
        p = (p * f) + new Vector<float>(9.6181291e-3f);
        p = (p * f) + new Vector<float>(5.5504109e-2f);
        p = (p * f) + new Vector<float>(2.4022651e-1f);
        p = (p * f) + new Vector<float>(6.9314718e-1f);
        p = (p * f) + Vector<float>.One;
        var scale = Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23);
        var result = p * Vector.AsVectorSingle(scale);
        return Vector.ConditionalSelect(Vector.LessThan(a, new Vector<float>(87f)), result, Vector<float>.Zero);
    }
}

/// <summary>SplitMix64: small, fast, and fixed by its published definition (Steele, Lea and Flood 2014).</summary>
internal sealed class SeededRandom(int seed)
{
    private ulong _state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
    private double _spare = double.NaN;

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)(NextDouble() * (max - min));

    /// <summary>Uniform integer in [0, max).</summary>
    public int Next(int max) => Next(0, max);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by Box–Muller, both values of each pair used.</summary>
    public double NextGaussian()
    {
        if (!double.IsNaN(_spare))
        {
            var spare = _spare;
            _spare = double.NaN;
            return spare;
        }

        var u = 1 - NextDouble();
        var v = NextDouble();
        var radius = Math.Sqrt(-2 * Math.Log(u));
        _spare = radius * Math.Sin(2 * Math.PI * v);
        return radius * Math.Cos(2 * Math.PI * v);
    }
}
