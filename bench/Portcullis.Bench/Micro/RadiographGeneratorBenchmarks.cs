using BenchmarkDotNet.Attributes;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Bench.Micro;

/// <summary>
/// Cost per generated scan (scene building, projection, detector effects, 16-bit encoding; no PNG
/// compression): a 20' dry container and a 40' reefer on a 6 MV portal, a 40' reefer at the
/// 3000 × 1200 size the issue names, a dual-energy parcel, and an origin–arrival pair.
/// </summary>
[MemoryDiagnoser]
public class RadiographGeneratorBenchmarks
{
    // 4.1 mm along and 2.9 mm across make a 40' high-cube with 30 cm margins about 3,120 × 1,206 pixels.
    private static readonly ScannerSettings Fine = ScannerSettings.Portal6MV with { PitchAlongMm = 4.1, PitchAcrossMm = 2.9 };

    private int _seed;

    [IterationSetup]
    public void NextSeed() => _seed++;

    [Benchmark]
    public int Dry20Cocoa() => RadiographGenerator.Random(_seed, ContainerKind.Dry20, ScannerSettings.Portal6MV, Commodity.Cocoa).Image.Width;

    [Benchmark]
    public int Reefer40Bananas() => RadiographGenerator.Random(_seed, ContainerKind.Reefer40HighCube, ScannerSettings.Portal6MV, Commodity.Bananas).Image.Width;

    [Benchmark]
    public int Reefer40Bananas3000x1200() => RadiographGenerator.Random(_seed, ContainerKind.Reefer40HighCube, Fine, Commodity.Bananas).Image.Width;

    [Benchmark]
    public int Parcel160kV() => ParcelGenerator.Random(_seed, drugShare: 0.5).Image.Width;

    [Benchmark]
    public int PairReefer() => PairGenerator.Pair(_seed, ContainerKind.Reefer40HighCube, PairChange.Added, ScannerSettings.Mobile4MV, ScannerSettings.Portal6MV).Arrival.Width;
}
