namespace Portcullis.Simulator;

/// <summary>
/// The one source of randomness of a simulation run. Everything (ids included) is drawn from a
/// seeded <see cref="Random"/> in a fixed order, so a seed reproduces a run byte for byte.
/// </summary>
internal sealed class SimRandom(int seed)
{
    private readonly Random random = new(seed);

    public double NextDouble() => random.NextDouble();

    /// <summary>An integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => random.Next(min, maxExclusive);

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public bool Chance(double probability) => random.NextDouble() < probability;

    public double Uniform(double min, double max) => min + ((max - min) * random.NextDouble());

    /// <summary>A version-4-shaped Guid from sixteen seeded bytes; never <see cref="Guid.NewGuid"/>.</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Rounds up with probability equal to the fraction, so small scales still yield rare items on average.</summary>
    public int StochasticRound(double expected)
    {
        if (expected <= 0)
        {
            return 0;
        }

        var floor = Math.Floor(expected);
        return (int)floor + (Chance(expected - floor) ? 1 : 0);
    }

    public double Normal(double mean, double sd)
    {
        // Box-Muller; one value per call keeps the draw order simple and reproducible.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>A log-normal draw described by its median, which is how trade figures are easiest to state.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(Normal(0, sigma));

    public double LogNormal(double median, double sigma, double min, double max) =>
        Math.Clamp(LogNormal(median, sigma), min, max);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public int WeightedIndex(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A heavy-headed index in [0, count): a few big traders carry most of the volume.</summary>
    public int ZipfIndex(int count, double skew = 1.2)
    {
        // Inverse transform of a continuous power law over [1, count + 1); close enough to Zipf for trade shares.
        var u = random.NextDouble();
        var a = 1.0 - skew;
        var x = Math.Pow(1 + (u * (Math.Pow(count + 1, a) - 1)), 1.0 / a);
        return Math.Clamp((int)x - 1, 0, count - 1);
    }

    public char Letter() => (char)('A' + random.Next(26));

    public string Digits(int count)
    {
        return string.Create(count, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + r.Next(10));
            }
        });
    }

    public string Letters(int count)
    {
        return string.Create(count, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('A' + r.Next(26));
            }
        });
    }

    /// <summary>A time of day within [fromHour, toHour) on the given day, whole seconds.</summary>
    public DateTime TimeOnDay(DateTime dayStart, double fromHour, double toHour) =>
        dayStart.AddSeconds(Math.Floor(Uniform(fromHour, toHour) * 3600));
}
