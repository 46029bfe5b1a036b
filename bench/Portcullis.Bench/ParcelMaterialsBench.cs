using System.Globalization;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Bench;

/// <summary>
/// `parcel-materials`: what the generator's parcel scanners make of each material, from the spectra and the
/// NIST table alone (no image): low and high attenuation A = −ln T at several mass thicknesses and their
/// ratio. It shows where drug hydrochlorides sit against other organic matter, minerals and metals, which is
/// what the powder finder's material test rests on.
/// </summary>
public static class ParcelMaterialsBench
{
    public static int Run(string[] args)
    {
        _ = args;
        foreach (var kv in new[] { 140.0, 160.0 })
        {
            var (low, high) = Spectrum.Tube(kv);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kv:0} kV: material, g/cm², A low, A high, low/high"));
            foreach (var material in Materials.All.Where(m => m != Materials.Steel && m != Materials.Copper))
            {
                foreach (var grams in new[] { 0.5, 1.0, 2.0, 4.0, 8.0 })
                {
                    var a = -Math.Log(low.Transmission((material, grams)));
                    var b = -Math.Log(high.Transmission((material, grams)));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {material.Name,-18} {grams,4:0.0} {a,7:0.0000} {b,7:0.0000} {a / b,6:0.000}"));
                }
            }
        }

        return 0;
    }
}
