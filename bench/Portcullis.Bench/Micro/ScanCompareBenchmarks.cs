using BenchmarkDotNet.Attributes;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Bench.Micro;

/// <summary>One origin–arrival comparison (issue 16 goal: ≤ 1 s on one core): a 40' reefer, mobile 4 MV then 6 MV portal.</summary>
[MemoryDiagnoser]
public class ScanCompareBenchmarks
{
    private GeneratedPair _pair = null!;

    [GlobalSetup]
    public void Setup() => _pair = PairGenerator.Pair(16, ContainerKind.Reefer40HighCube, PairChange.Added, ScannerSettings.Mobile4MV, ScannerSettings.Portal6MV, kg: 15);

    [Benchmark]
    public double CompareReefer40() => ScanAnalyzer.Compare(_pair.Origin, _pair.Arrival).Result?.Score ?? -1;
}
