namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// A beam as the detector sees it: photon energies (MeV) with weights S(E)·D(E) (fluence times the
/// detector's energy response), normalised to sum to 1, so the open-beam signal is 1 and a ray's
/// transmission is Σ w(E)·exp(−Σₘ (μ/ρ)ₘ(E)·ρₘtₘ).
/// </summary>
public sealed record Spectrum(string Label, IReadOnlyList<double> EnergiesMeV, IReadOnlyList<double> Weights)
{
    /// <summary>One energy: Beer–Lambert holds exactly (tests, calibration).</summary>
    public static Spectrum Mono(double energyMeV) => new($"{energyMeV:0.###} MeV mono", [energyMeV], [1.0]);

    /// <summary>
    /// A cargo linac's bremsstrahlung beam at endpoint <paramref name="endpointMeV"/> (4–9 MV). The shape is
    /// approximate: Kramers' thick-target photon number spectrum N(E) ∝ (E₀ − E)/E, hardened by the target,
    /// its backing and the collimator taken as 5 g/cm² of iron, and weighted by an energy-integrating
    /// detector (signal ∝ E times the chance of interacting in 30 mm of CdWO₄, taken as 24 g/cm² of iron:
    /// above 0.5 MeV Compton scattering dominates and depends on electrons per gram, not on Z).
    /// </summary>
    public static Spectrum Linac(double endpointMeV, int bins = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(endpointMeV, 1.0);
        const double low = 0.1;
        var width = (endpointMeV - low) / bins;
        var energies = new double[bins];
        var weights = new double[bins];
        for (var i = 0; i < bins; i++)
        {
            var e = low + ((i + 0.5) * width);
            var fluence = (endpointMeV - e) / e * Math.Exp(-AttenuationTable.MassAttenuation(Element.Iron, e) * 5.0);
            var response = e * (1 - Math.Exp(-AttenuationTable.MassAttenuation(Element.Iron, e) * 24.0));
            energies[i] = e;
            weights[i] = fluence * response;
        }

        return new Spectrum($"{endpointMeV:0.#} MV", energies, Normalise(weights));
    }

    /// <summary>
    /// A parcel scanner's tube at <paramref name="kVp"/> (140–160 kV) with 1 mm aluminium inherent
    /// filtration and a sandwich dual-energy detector: the low channel is a thin front layer (0.27 g/cm²,
    /// copper taken for the scintillator), the high channel sits behind 0.54 g/cm² of copper filter and
    /// a thicker layer (1.8 g/cm²). Kramers' spectrum (kVp − E)/E; energy-integrating as the linac.
    /// </summary>
    public static (Spectrum Low, Spectrum High) Tube(double kVp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kVp, 40.0);
        var top = kVp / 1000.0;
        var count = (int)Math.Round((kVp - 20) / 5);
        var energies = new double[count];
        var low = new double[count];
        var high = new double[count];
        for (var i = 0; i < count; i++)
        {
            var e = 0.0225 + (i * 0.005);
            var mu = (Element element) => AttenuationTable.MassAttenuation(element, e);
            var fluence = Math.Max(0, top - e) / e * Math.Exp(-mu(Element.Aluminium) * 0.27);
            var front = 1 - Math.Exp(-mu(Element.Copper) * 0.27);
            var passed = Math.Exp(-mu(Element.Copper) * 0.27) * Math.Exp(-mu(Element.Copper) * 0.54);
            energies[i] = e;
            low[i] = fluence * e * front;
            high[i] = fluence * e * passed * (1 - Math.Exp(-mu(Element.Copper) * 1.8));
        }

        return (new Spectrum($"{kVp:0} kV low", energies, Normalise(low)), new Spectrum($"{kVp:0} kV high", energies, Normalise(high)));
    }

    /// <summary>The transmission of one ray through the given mass thicknesses (g/cm²) of materials.</summary>
    public double Transmission(params (Material Material, double GramsPerCm2)[] layers)
    {
        var sum = 0.0;
        for (var b = 0; b < EnergiesMeV.Count; b++)
        {
            var attenuation = 0.0;
            foreach (var (material, grams) in layers)
            {
                attenuation += material.MassAttenuation(EnergiesMeV[b]) * grams;
            }

            sum += Weights[b] * Math.Exp(-attenuation);
        }

        return sum;
    }

    private static double[] Normalise(double[] weights)
    {
        var total = weights.Sum();
        return [.. weights.Select(w => w / total)];
    }
}
