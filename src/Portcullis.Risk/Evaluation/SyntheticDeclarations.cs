using System.Globalization;

namespace Portcullis.Risk.Evaluation;

/// <summary>
/// Labelled import declarations shaped like the DATE synthetic customs dataset (importer, declarant,
/// country, office, 10-digit tariff code, quantity, weight, FOB/CIF value, taxes, illicit, revenue),
/// for tests and benchmarks. Fraud comes from latent propensities of importers, declarants, tariff
/// lines and countries, plus undervaluation; every row is labelled, as in that dataset.
/// </summary>
internal static class SyntheticDeclarations
{
    public static List<RiskCase> Generate(int rows, int seed, int rowsPerDay = 2000, DateTime? firstDay = null)
    {
        var random = new Random(seed);
        var start = firstDay ?? new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var importers = Math.Max(200, rows / 40);
        var declarants = Math.Max(30, importers / 15);
        const int Countries = 40, Offices = 8, Hs6Count = 300;
        var importerRisk = Array.ConvertAll(new double[importers], _ => Propensity(random, 0.08));
        var declarantRisk = Array.ConvertAll(new double[declarants], _ => Propensity(random, 0.1) * 0.6);
        var hsRisk = Array.ConvertAll(new double[Hs6Count], _ => Propensity(random, 0.15) * 0.8);
        var countryRisk = Array.ConvertAll(new double[Countries], _ => Propensity(random, 0.2) * 0.6);
        var hsPrice = Array.ConvertAll(new double[Hs6Count], _ => Math.Exp(random.NextDouble() * 6));
        var hsTax = Array.ConvertAll(new double[Hs6Count], _ => 0.02 + (random.NextDouble() * 0.2));
        var hs6 = Enumerable.Range(0, Hs6Count).Select(i => (100000 + (i * 2971 % 899999)).ToString("000000", CultureInfo.InvariantCulture)).ToArray();
        var homeDeclarant = Array.ConvertAll(new int[importers], _ => random.Next(declarants));
        var homeHs = Array.ConvertAll(new int[importers], _ => random.Next(Hs6Count));
        var cases = new List<RiskCase>(rows);
        for (var i = 0; i < rows; i++)
        {
            var date = start.AddDays(i / rowsPerDay).AddMinutes(i % rowsPerDay * 1440.0 / rowsPerDay);
            // Zipf-like activity: a few importers declare most of the rows.
            var imp = (int)(importers * Math.Pow(random.NextDouble(), 1.8));
            var dec = random.NextDouble() < 0.8 ? homeDeclarant[imp] : random.Next(declarants);
            var h = random.NextDouble() < 0.6 ? (homeHs[imp] + random.Next(3)) % Hs6Count : random.Next(Hs6Count);
            var country = (h * 7 + random.Next(4)) % Countries;
            var office = random.Next(Offices);
            var logit = -4.0 + importerRisk[imp] + declarantRisk[dec] + hsRisk[h] + countryRisk[country] + (random.NextDouble() * 1.5) - (0.5 * hsRisk[h] * random.NextDouble());
            var illicit = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            var kg = Math.Exp(3 + (random.NextDouble() * 6));
            var price = hsPrice[h] * Math.Exp((random.NextDouble() - 0.5) * 0.8) * (illicit && random.NextDouble() < 0.5 ? 0.45 : 1);
            var cif = kg * price;
            var taxes = cif * hsTax[h];
            var code = hs6[h] + (1000 + random.Next(4)).ToString(CultureInfo.InvariantCulture);
            cases.Add(new RiskCase
            {
                Id = "D" + i.ToString(CultureInfo.InvariantCulture),
                Date = date,
                Hub = "RTM",
                Kind = "SeaContainer",
                OriginCountry = "C" + country.ToString("00", CultureInfo.InvariantCulture),
                HsCode = code,
                HsCodes = [code],
                GrossKg = kg,
                ValueEur = cif,
                Packages = 1 + random.Next(200),
                Parties = new Dictionary<string, RiskParty>
                {
                    ["consignee"] = new("IMP" + imp.ToString(CultureInfo.InvariantCulture)),
                    ["declarant"] = new("DEC" + dec.ToString(CultureInfo.InvariantCulture)),
                },
                Categorical = new Dictionary<string, string> { ["office"] = "O" + office.ToString(CultureInfo.InvariantCulture) },
                Numeric = new Dictionary<string, double> { ["fob_value"] = cif * 0.9, ["total_taxes"] = taxes },
                Label = new RiskLabel(illicit, date, Revenue: illicit ? taxes * (0.5 + random.NextDouble()) : 0),
            });
        }

        return cases;
    }

    // Most entities are clean, a few are very risky: an exponential tail on the log-odds scale.
    private static double Propensity(Random random, double riskyShare) =>
        random.NextDouble() < riskyShare ? 0.5 + (random.NextDouble() * 1.5) : random.NextDouble() * 0.8;
}
