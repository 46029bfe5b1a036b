using Portcullis.Imaging.Synthesis;

namespace Portcullis.Tests.Imaging.Synthesis;

public sealed class AttenuationPhysicsTests
{
    // NIST XCOM μ/ρ (cm²/g) at 1 MeV: iron 0.05995, carbon 0.06361. Steel here is 99% iron, 1% carbon by mass.
    private const double SteelMuAt1MeV = (0.99 * 0.05995) + (0.01 * 0.06361);

    [Fact]
    public void Interpolation_returns_the_tabulated_values_at_table_energies()
    {
        Assert.Equal(0.05995, AttenuationTable.MassAttenuation(Element.Iron, 1.0), 10);
        Assert.Equal(0.1704, AttenuationTable.MassAttenuation(Element.Aluminium, 0.1), 10);

        // NIST: chlorine 0.2050 at 100 keV, calcium 0.06388 at 1 MeV and 0.6578 at 60 keV.
        Assert.Equal(0.2050, AttenuationTable.MassAttenuation(Element.Chlorine, 0.1), 10);
        Assert.Equal(0.06388, AttenuationTable.MassAttenuation(Element.Calcium, 1.0), 10);
        Assert.Equal(0.6578, AttenuationTable.MassAttenuation(Element.Calcium, 0.06), 10);

        // Log-log halfway between iron at 1.0 MeV (0.05995) and 1.25 MeV (0.05350), at √(1.0·1.25) MeV:
        // the geometric mean of the two values.
        Assert.Equal(Math.Sqrt(0.05995 * 0.05350), AttenuationTable.MassAttenuation(Element.Iron, Math.Sqrt(1.25)), 10);
    }

    [Fact]
    public void A_uniform_steel_slab_transmits_exp_of_minus_mu_rho_t_in_a_monoenergetic_beam()
    {
        // 10 cm of steel at 7.85 g/cm³ is 78.5 g/cm²: T = exp(−0.0599866 × 78.5) = exp(−4.70895) ≈ 0.009008.
        var expected = Math.Exp(-SteelMuAt1MeV * 7.85 * 10);
        Assert.Equal(expected, Spectrum.Mono(1.0).Transmission((Materials.Steel, 78.5)), 12);

        // The same slab through the whole generator: an ideal 1 MeV scanner, a slab filling the image's middle.
        var slab = new Solid(SolidShape.Box, Materials.Steel, 7.85, 100, 50, 300, 150, 10);
        var scene = new ContainerScene(ContainerKind.Dry20, Commodity.Empty, "TEST", 400, 200, 10, [], [slab], []);
        var scanner = ScannerSettings.Portal6MV.Ideal() with { MonoEnergyMeV = 1.0, PitchAlongMm = 10, PitchAcrossMm = 10 };
        var scan = RadiographGenerator.Container(scene, scanner, 1, TestContext.Current.CancellationToken);
        var frame = scan.Image.Frames[0];

        // Scene x = 200 cm is column (200 + 30 margin) / 1 cm; y = 100 cm is row (200 + 30 − 100) / 1 cm.
        var measured = RadiographGenerator.Transmission(frame[230, 130], scanner.DynamicRange);
        Assert.InRange(measured / expected, 0.9995, 1.0005);
        Assert.Equal(1.0, RadiographGenerator.Transmission(frame[10, 10], scanner.DynamicRange), 6);
    }

    [Fact]
    public void A_polyenergetic_linac_beam_hardens_with_steel_thickness()
    {
        var beam = Spectrum.Linac(6);
        double EffectiveMu(double cm) => -Math.Log(beam.Transmission((Materials.Steel, 7.85 * cm))) / (7.85 * cm);
        var thin = EffectiveMu(2);
        var middle = EffectiveMu(10);
        var thick = EffectiveMu(30);
        Assert.True(thin > middle && middle > thick, $"effective μ/ρ {thin:F5} > {middle:F5} > {thick:F5} expected");

        // Between steel's μ/ρ at the spectrum's top (6 MeV: 0.99·0.03057 + 0.01·0.02469) and at 0.5 MeV (0.99·0.08414 + 0.01·0.08715).
        Assert.InRange(thick, (0.99 * 0.03057) + (0.01 * 0.02469), (0.99 * 0.08414) + (0.01 * 0.08715));
        Assert.InRange(thin, (0.99 * 0.03057) + (0.01 * 0.02469), (0.99 * 0.08414) + (0.01 * 0.08715));
    }

    [Fact]
    public void A_higher_endpoint_penetrates_more_steel()
    {
        var steel = (Materials.Steel, 7.85 * 20);
        Assert.True(Spectrum.Linac(4).Transmission(steel) < Spectrum.Linac(6).Transmission(steel));
        Assert.True(Spectrum.Linac(6).Transmission(steel) < Spectrum.Linac(9).Transmission(steel));
    }

    [Fact]
    public void Dual_energy_parcel_images_order_organic_below_aluminium_below_steel()
    {
        // Three materials side by side on a 160 kV dual-energy scanner: paper (10 g/cm²), 1 cm aluminium, 1 mm steel.
        var solids = new List<Solid>
        {
            new(SolidShape.Box, Materials.Cellulose, 1.0, 2, 5, 8, 15, 10),
            new(SolidShape.Box, Materials.Aluminium, 2.7, 12, 5, 18, 15, 1),
            new(SolidShape.Box, Materials.Steel, 7.85, 22, 5, 28, 15, 0.1),
        };
        var scene = new ParcelScene("TEST", 30, 20, solids, [], []);
        var scanner = ScannerSettings.Parcel160kV.Ideal() with { PitchAlongMm = 5, PitchAcrossMm = 5 };
        var scan = ParcelGenerator.Scan(scene, scanner, 1, TestContext.Current.CancellationToken);
        Assert.Equal(2, scan.Image.Frames.Count);

        // R = ln T_low / ln T_high: photoelectric absorption (∝ Z³/E³) makes the low channel lose more for higher Z.
        double Ratio(double x)
        {
            var column = (int)((x + 4) / 0.5);
            var row = (int)((20 - 10) / 0.5);
            var low = RadiographGenerator.Transmission(scan.Image.Frames[0][column, row], scanner.DynamicRange);
            var high = RadiographGenerator.Transmission(scan.Image.Frames[1][column, row], scanner.DynamicRange);
            Assert.True(low < 0.95 && high < 0.95, "each material must attenuate both channels");
            return Math.Log(low) / Math.Log(high);
        }

        var organic = Ratio(5);
        var aluminium = Ratio(15);
        var steel = Ratio(25);
        Assert.True(organic < aluminium && aluminium < steel, $"R organic {organic:F3} < aluminium {aluminium:F3} < steel {steel:F3} expected");
        Assert.True(organic > 1, "even paper loses more of the low channel than of the high one");
    }

    [Theory]
    [InlineData(140)]
    [InlineData(160)]
    public void Drug_hydrochloride_reads_between_organic_matter_and_aluminium_at_equal_mass(double kv)
    {
        // 2 g/cm² of each behind nothing: the ratio ln T_low / ln T_high. Cocaine hydrochloride's 9% chlorine (Z = 17)
        // absorbs the low channel more than sugar or cellulose (Z 6–8) do, and less than aluminium (Z = 13) does.
        var (low, high) = Spectrum.Tube(kv);
        double Ratio(Material m) => Math.Log(low.Transmission((m, 2.0))) / Math.Log(high.Transmission((m, 2.0)));
        var drug = Ratio(Materials.Drug);
        Assert.True(drug > 1.1 * Ratio(Materials.Sugar), $"drug {drug:F3} against sugar {Ratio(Materials.Sugar):F3}");
        Assert.True(drug > 1.1 * Ratio(Materials.Cellulose), $"drug {drug:F3} against cellulose {Ratio(Materials.Cellulose):F3}");
        Assert.True(drug < Ratio(Materials.Aluminium), $"drug {drug:F3} against aluminium {Ratio(Materials.Aluminium):F3}");
    }
}
