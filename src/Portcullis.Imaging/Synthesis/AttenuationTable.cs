namespace Portcullis.Imaging.Synthesis;

/// <summary>The chemical elements the generator's materials are mixed from.</summary>
public enum Element
{
    Hydrogen,
    Carbon,
    Oxygen,
    Aluminium,
    Chlorine,
    Calcium,
    Iron,
    Copper,
}

/// <summary>
/// Mass attenuation coefficients μ/ρ (cm²/g, total with coherent scattering) of the elements, typed from
/// the NIST X-Ray Mass Attenuation Coefficients tables (Hubbell and Seltzer, NIST Standard Reference
/// Database 126, public domain) and rounded to three or four significant figures. Between the tabulated
/// energies the coefficient is interpolated log-log, as NIST recommends away from absorption edges; no
/// element here has an edge above 20 keV. Outside 20 keV–10 MeV the nearest end is used.
/// </summary>
public static class AttenuationTable
{
    /// <summary>Tabulated photon energies in MeV.</summary>
    public static IReadOnlyList<double> Energies { get; } =
    [
        0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50,
        0.60, 0.80, 1.00, 1.25, 1.50, 2.00, 3.00, 4.00, 5.00, 6.00, 8.00, 10.0,
    ];

    private static readonly double[][] Table =
    [
        // Hydrogen (Z=1)
        [0.3695, 0.3570, 0.3458, 0.3355, 0.3260, 0.3091, 0.2944, 0.2651, 0.2429, 0.2112, 0.1893, 0.1729,
         0.1599, 0.1405, 0.1263, 0.1129, 0.1027, 0.08769, 0.06921, 0.05806, 0.05049, 0.04498, 0.03746, 0.03254],
        // Carbon, graphite (Z=6)
        [0.4417, 0.2562, 0.2076, 0.1871, 0.1753, 0.1610, 0.1514, 0.1347, 0.1229, 0.1066, 0.09546, 0.08715,
         0.08058, 0.07076, 0.06361, 0.05690, 0.05179, 0.04442, 0.03562, 0.03047, 0.02708, 0.02469, 0.02154, 0.01959],
        // Oxygen (Z=8)
        [0.8651, 0.3779, 0.2585, 0.2132, 0.1907, 0.1678, 0.1551, 0.1361, 0.1237, 0.1070, 0.09566, 0.08729,
         0.08070, 0.07087, 0.06372, 0.05697, 0.05185, 0.04459, 0.03597, 0.03100, 0.02777, 0.02552, 0.02263, 0.02089],
        // Aluminium (Z=13)
        [3.441, 1.128, 0.5685, 0.3681, 0.2778, 0.2018, 0.1704, 0.1378, 0.1223, 0.1042, 0.09276, 0.08445,
         0.07802, 0.06841, 0.06146, 0.05496, 0.05006, 0.04324, 0.03541, 0.03106, 0.02836, 0.02655, 0.02437, 0.02318],
        // Chlorine (Z=17): the chlorine of drug hydrochlorides (cocaine and MDMA salts carry 10–15% by mass).
        [7.739, 2.425, 1.117, 0.6483, 0.4395, 0.2696, 0.2050, 0.1480, 0.1266, 0.1054, 0.09311, 0.08453,
         0.07795, 0.06826, 0.06128, 0.05478, 0.04994, 0.04328, 0.03585, 0.03188, 0.02950, 0.02798, 0.02628, 0.02549],
        // Calcium (Z=20)
        [13.06, 4.080, 1.830, 1.019, 0.6578, 0.3656, 0.2571, 0.1674, 0.1376, 0.1116, 0.09783, 0.08851,
         0.08148, 0.07122, 0.06388, 0.05709, 0.05207, 0.04524, 0.03780, 0.03395, 0.03170, 0.03035, 0.02892, 0.02839],
        // Iron (Z=26)
        [25.68, 8.176, 3.629, 1.958, 1.205, 0.5952, 0.3717, 0.1964, 0.1460, 0.1099, 0.09400, 0.08414,
         0.07704, 0.06699, 0.05995, 0.05350, 0.04883, 0.04265, 0.03621, 0.03312, 0.03146, 0.03057, 0.02991, 0.02994],
        // Copper (Z=29)
        [33.79, 10.92, 4.862, 2.613, 1.593, 0.7630, 0.4584, 0.2217, 0.1559, 0.1119, 0.09413, 0.08362,
         0.07625, 0.06605, 0.05901, 0.05261, 0.04803, 0.04205, 0.03599, 0.03318, 0.03177, 0.03108, 0.03074, 0.03103],
    ];

    /// <summary>The tabulated value of <paramref name="element"/> at the table's energy index.</summary>
    public static double Tabulated(Element element, int energyIndex) => Table[(int)element][energyIndex];

    /// <summary>μ/ρ in cm²/g at <paramref name="energyMeV"/>, log-log interpolated between the table's energies.</summary>
    public static double MassAttenuation(Element element, double energyMeV)
    {
        var row = Table[(int)element];
        var energies = Energies;
        if (energyMeV <= energies[0])
        {
            return row[0];
        }

        if (energyMeV >= energies[^1])
        {
            return row[^1];
        }

        var i = 1;
        while (energies[i] < energyMeV)
        {
            i++;
        }

        var t = Math.Log(energyMeV / energies[i - 1]) / Math.Log(energies[i] / energies[i - 1]);
        return Math.Exp(Math.Log(row[i - 1]) + (t * Math.Log(row[i] / row[i - 1])));
    }
}
