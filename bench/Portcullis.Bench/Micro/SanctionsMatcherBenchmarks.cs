using BenchmarkDotNet.Attributes;
using Portcullis.Parties.Sanctions;

namespace Portcullis.Bench.Micro;

/// <summary>One party screened against 50,000 synthetic entries: the matcher and the Jaro–Winkler baseline on the same index.</summary>
[MemoryDiagnoser]
public class SanctionsMatcherBenchmarks
{
    private SanctionsMatcher _matcher = null!;
    private JaroWinklerScreener _jaroWinkler = null!;
    private ScreenedParty[] _parties = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var synthetic = new SyntheticSanctions(7);
        var entries = synthetic.Entries(50_000);
        _parties = synthetic.Parties(1_000, entries);
        _matcher = new SanctionsMatcher(entries);
        _jaroWinkler = new JaroWinklerScreener(entries);
    }

    [Benchmark(Baseline = true)]
    public int JaroWinklerOneParty() => _jaroWinkler.Screen(_parties[_next++ % _parties.Length], SanctionsMatcher.DefaultThreshold).Count;

    [Benchmark]
    public int MatcherOneParty() => _matcher.Screen(_parties[_next++ % _parties.Length], SanctionsMatcher.DefaultThreshold).Count;
}
