using BenchmarkDotNet.Attributes;
using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Bench.Micro;

/// <summary>
/// One 40' reefer scan at about 3,120 × 1,206 16-bit pixels analysed against a learned model (issue 16 goal:
/// ≤ 300 ms on one core), and the same without a model. Generation and learning happen once, in the setup.
/// </summary>
[MemoryDiagnoser]
public class ContainerAnalysisBenchmarks
{
    // 4.1 mm along and 2.9 mm across make a 40' high-cube with 30 cm margins about 3,120 × 1,206 pixels.
    private static readonly ScannerSettings Fine = ScannerSettings.Portal6MV with { PitchAlongMm = 4.1, PitchAcrossMm = 2.9 };

    private ScanImage _image = null!;
    private ScanSubject _subject = null!;
    private ContainerModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = ContainerEvaluation.LearnOn(ContainerEvaluation.Training, 12, 1000);
        var scan = RadiographGenerator.Random(7, ContainerKind.Reefer40HighCube, Fine, Commodity.Bananas);
        _image = scan.Image;
        _subject = ContainerEvaluation.SubjectOf(scan.Truth);
    }

    [Benchmark]
    public double Reefer3000x1200WithModel() => ContainerAnalyzer.Analyze(_image, _subject, _model).Result!.Score;

    [Benchmark]
    public double Reefer3000x1200WithoutModel() => ContainerAnalyzer.Analyze(_image, _subject, null).Result!.Score;
}
