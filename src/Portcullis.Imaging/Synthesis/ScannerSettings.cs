using System.Text.Json.Serialization;

namespace Portcullis.Imaging.Synthesis;

/// <summary>The source: a cargo linac (single or dual endpoint) or a parcel scanner's tube with a dual-energy detector.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScanEnergy>))]
public enum ScanEnergy
{
    Linac4MV,
    Linac6MV,
    Linac9MV,

    /// <summary>Interlaced 4 and 6 MV pulses: two frames, 4 MV first.</summary>
    Dual4And6MV,

    /// <summary>A 160 kV tube with a sandwich detector: two frames, low channel first.</summary>
    Tube160kV,

    /// <summary>A 140 kV tube with a sandwich detector.</summary>
    Tube140kV,
}

/// <summary>
/// One scanner's acquisition and detector. Pitches are nominal (what the scanner writes in the file);
/// <see cref="Stretch"/> and <see cref="SpeedWobble"/> make the real spacing along travel differ, as a
/// truck's speed does. <see cref="MonoEnergyMeV"/> replaces the spectrum by one energy (tests).
/// </summary>
public sealed record ScannerSettings
{
    public string Name { get; init; } = "portal-6MV";

    public ScanEnergy Energy { get; init; } = ScanEnergy.Linac6MV;

    public double? MonoEnergyMeV { get; init; }

    /// <summary>Millimetres per column along travel (nominal).</summary>
    public double PitchAlongMm { get; init; } = 5.0;

    /// <summary>Millimetres per row along the detector.</summary>
    public double PitchAcrossMm { get; init; } = 4.5;

    /// <summary>Real travel per column over nominal: 1.03 means the truck drove 3% faster than the scanner assumed.</summary>
    public double Stretch { get; init; } = 1.0;

    /// <summary>Relative amplitude of a slow speed variation along the scan (0.02 = ±2%).</summary>
    public double SpeedWobble { get; init; }

    /// <summary>Shifts the subject up the image (the trailer's height, the detector's mounting).</summary>
    public double VerticalOffsetMm { get; init; }

    /// <summary>The subject passed door end first: the image is mirrored along x.</summary>
    public bool Reversed { get; init; }

    /// <summary>Gaussian point-spread of the detector and focal spot, in pixels (0 = none).</summary>
    public double BlurSigmaPixels { get; init; } = 0.7;

    /// <summary>Photons (detector quanta) per pixel in the open beam; noise is Poisson from it. 0 = no noise.</summary>
    public double OpenBeamQuanta { get; init; } = 200_000;

    /// <summary>Relative standard deviation of the residual gain per detector row after calibration (bands).</summary>
    public double GainBands { get; init; } = 0.003;

    /// <summary>Residual dark offset as a fraction of the open-beam signal.</summary>
    public double DarkOffset { get; init; } = 2e-5;

    /// <summary>Open beam over the faintest signal stored: the log encoding's range.</summary>
    public double DynamicRange { get; init; } = 100_000;

    /// <summary>Air imaged before and after the subject and above and below it.</summary>
    public double MarginMm { get; init; } = 300;

    /// <summary>Every detector effect off: blur, noise, gain bands, dark offset (tests that compare physics exactly).</summary>
    public ScannerSettings Ideal() => this with { BlurSigmaPixels = 0, OpenBeamQuanta = 0, GainBands = 0, DarkOffset = 0 };

    public bool IsDualEnergy => Energy is ScanEnergy.Dual4And6MV or ScanEnergy.Tube160kV or ScanEnergy.Tube140kV;

    /// <summary>The frames' spectra, low energy first.</summary>
    public IReadOnlyList<Spectrum> Spectra()
    {
        if (MonoEnergyMeV is { } mono)
        {
            return [Spectrum.Mono(mono)];
        }

        switch (Energy)
        {
            case ScanEnergy.Linac4MV:
                return [Spectrum.Linac(4)];
            case ScanEnergy.Linac9MV:
                return [Spectrum.Linac(9)];
            case ScanEnergy.Dual4And6MV:
                return [Spectrum.Linac(4), Spectrum.Linac(6)];
            case ScanEnergy.Tube160kV:
            case ScanEnergy.Tube140kV:
                {
                    var (low, high) = Spectrum.Tube(Energy == ScanEnergy.Tube160kV ? 160 : 140);
                    return [low, high];
                }

            default:
                return [Spectrum.Linac(6)];
        }
    }

    public string EnergyLabel => MonoEnergyMeV is { } mono ? $"{mono:0.###} MeV" : Energy switch
    {
        ScanEnergy.Linac4MV => "4 MV",
        ScanEnergy.Linac9MV => "9 MV",
        ScanEnergy.Dual4And6MV => "4/6 MV",
        ScanEnergy.Tube160kV => "160 kV",
        ScanEnergy.Tube140kV => "140 kV",
        _ => "6 MV",
    };

    /// <summary>A fixed 6 MV portal at a seaport (the arrival scanner of the pairs).</summary>
    public static ScannerSettings Portal6MV { get; } = new();

    /// <summary>A 4/6 MV dual-energy gantry with a finer pitch that scans door end first.</summary>
    public static ScannerSettings Gantry4And6MV { get; } = new()
    {
        Name = "gantry-4-6MV",
        Energy = ScanEnergy.Dual4And6MV,
        PitchAlongMm = 4.0,
        PitchAcrossMm = 4.0,
        Reversed = true,
        BlurSigmaPixels = 0.9,
        OpenBeamQuanta = 120_000,
        GainBands = 0.004,
        VerticalOffsetMm = 80,
    };

    /// <summary>A mobile 4 MV scanner driven past the container: coarser, noisier, uneven speed (an origin scanner).</summary>
    public static ScannerSettings Mobile4MV { get; } = new()
    {
        Name = "mobile-4MV",
        Energy = ScanEnergy.Linac4MV,
        PitchAlongMm = 5.5,
        PitchAcrossMm = 5.0,
        Stretch = 1.04,
        SpeedWobble = 0.03,
        BlurSigmaPixels = 1.1,
        OpenBeamQuanta = 60_000,
        GainBands = 0.006,
        DarkOffset = 5e-5,
        VerticalOffsetMm = -60,
    };

    /// <summary>A 160 kV dual-energy parcel scanner with a 1.5 mm pitch.</summary>
    public static ScannerSettings Parcel160kV { get; } = new()
    {
        Name = "parcel-160kV",
        Energy = ScanEnergy.Tube160kV,
        PitchAlongMm = 1.5,
        PitchAcrossMm = 1.5,
        BlurSigmaPixels = 0.8,
        OpenBeamQuanta = 40_000,
        GainBands = 0.004,
        DarkOffset = 1e-4,
        DynamicRange = 20_000,
        MarginMm = 40,
    };
}
