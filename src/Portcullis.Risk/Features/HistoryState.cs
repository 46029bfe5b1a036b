using System.Runtime.InteropServices;

namespace Portcullis.Risk.Features;

/// <summary>What is known about one key: inspections and hits learned so far, declarations seen so far.</summary>
internal struct Tally
{
    public int Inspections;
    public int Hits;
    public int Declarations;
}

/// <summary>Running mean of log value per kg of one HS code (a geometric mean: robust to price scale).</summary>
internal struct PriceNorm
{
    public double SumLog;
    public int Count;
}

/// <summary>
/// The running history the features read. Writers (the one-pass builder) only call <see cref="Learn"/>
/// and <see cref="Observe"/> between days; once frozen in a snapshot it is only read, which is safe
/// from many threads because nothing mutates the dictionaries any more.
/// </summary>
internal sealed class HistoryState(int families)
{
    /// <summary>Key families per case (the length of a key array).</summary>
    public int Families { get; } = families;

    public TallyTable Tallies { get; } = new();

    public Dictionary<ulong, PriceNorm> Prices { get; } = [];

    public Dictionary<ulong, DateTime> FirstSeen { get; } = [];

    public long Inspections { get; private set; }

    public long Hits { get; private set; }

    /// <summary>Global hit rate known so far: the prior the per-key rates shrink towards.</summary>
    public double Prior => Inspections == 0 ? 0 : (double)Hits / Inspections;

    /// <summary>Learns one revealed outcome for every key family of its case.</summary>
    public void Learn(ReadOnlySpan<ulong> keys, bool hit)
    {
        Inspections++;
        Hits += hit ? 1 : 0;
        foreach (var key in keys)
        {
            if (key != 0)
            {
                ref var t = ref Tallies.GetOrAdd(key);
                t.Inspections++;
                t.Hits += hit ? 1 : 0;
            }
        }
    }

    /// <summary>Counts one declaration for every key family, its price for the HS norms, and first sightings of its parties.</summary>
    public void Observe(ReadOnlySpan<ulong> keys, ReadOnlySpan<ulong> parts, double logValuePerKg, DateTime day)
    {
        foreach (var key in keys)
        {
            if (key != 0)
            {
                Tallies.GetOrAdd(key).Declarations++;
            }
        }

        if (!double.IsNaN(logValuePerKg))
        {
            AddPrice(PriceKey(6, parts[FeatureLayout.PartHs6]), logValuePerKg);
            AddPrice(PriceKey(4, parts[FeatureLayout.PartHs4]), logValuePerKg);
        }

        for (var r = 0; r < FeatureLayout.Roles.Count; r++)
        {
            if (parts[r] != 0)
            {
                ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(FirstSeen, parts[r], out var exists);
                if (!exists)
                {
                    first = day;
                }
            }
        }
    }

    public static ulong PriceKey(int digits, ulong hs) => KeyHash.Mix(-digits, hs);

    private void AddPrice(ulong key, double logValuePerKg)
    {
        if (key == 0)
        {
            return;
        }

        ref var p = ref CollectionsMarshal.GetValueRefOrAddDefault(Prices, key, out _);
        p.SumLog += logValuePerKg;
        p.Count++;
    }
}
