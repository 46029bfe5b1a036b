using BenchmarkDotNet.Attributes;
using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Parcels;
using Portcullis.Imaging.Synthesis;
using ScanSubjectKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Bench.Micro;

/// <summary>Cost of analysing one dual-energy parcel scan (about 400 × 400 pixels at 1.5 mm) for tablets (goal ≤ 100 ms on one core).</summary>
[MemoryDiagnoser]
public class ParcelAnalysisBenchmarks
{
    private static readonly ScanSubject Parcel = new(ScanSubjectKind.Parcel);
    private ScanImage _tablets = null!;
    private ScanImage _clean = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tablets = ParcelGenerator.Scan(ParcelGenerator.Scene(8, ConcealmentMethod.Tablets, 150), ScannerSettings.Parcel160kV, 8).Image;
        _clean = ParcelGenerator.Scan(ParcelGenerator.Scene(9), ScannerSettings.Parcel160kV, 9).Image;
    }

    [Benchmark]
    public double ParcelWithTablets() => ParcelAnalyzer.Analyze(_tablets, Parcel, null).Result!.Score;

    [Benchmark]
    public double CleanParcel() => ParcelAnalyzer.Analyze(_clean, Parcel, null).Result!.Score;
}
