using System.Globalization;
using System.Text;

namespace Portcullis.Tests.Risk;

/// <summary>
/// A small labelled declaration file in the shape of the DATE synthetic import data (same columns
/// as docs/mappings/date-synthetic.yaml): some importers and one declarant are crooked, so that a
/// history-aware model has something to find. Every row is inspected; 'illicit' is the label.
/// </summary>
internal static class LabelledDeclarations
{
    public const string Header = "sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,gross.weight,fob.value,cif.value,total.taxes,illicit,revenue";

    public static string Csv(int rows, int seed, DateTime firstDay, int rowsPerDay = 150)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Header).Append('\n');
        string[] countries = ["CN", "US", "DE", "EC", "CO", "IN", "TR", "BR"];
        string[] tariffs = ["8471300000", "0803901000", "6109100010", "8517120000", "0901110000", "3004900000", "8708299000"];
        for (var i = 0; i < rows; i++)
        {
            var importer = random.Next(120);
            var declarant = random.Next(25);
            var tariff = tariffs[random.Next(tariffs.Length)];
            var country = countries[random.Next(countries.Length)];
            // Crooked importers (every tenth) and declarant 7 make most of the hits; the rest is noise.
            var p = 0.01 + (importer % 10 == 0 ? 0.35 : 0) + (declarant == 7 ? 0.15 : 0) + (country == "EC" && tariff.StartsWith("0803", StringComparison.Ordinal) ? 0.1 : 0);
            var illicit = random.NextDouble() < p;
            var kg = Math.Round(100 + (random.NextDouble() * 20000), 1);
            var cif = Math.Round(kg * (illicit ? 0.6 : 1.5) * (0.5 + random.NextDouble()), 2);
            var day = firstDay.AddDays(i / rowsPerDay);
            text.Append(CultureInfo.InvariantCulture, $"SGD{i:D6},{day:yy-MM-dd},IMP{importer:D4},DEC{declarant:D3},{country},OFF{random.Next(5)},{tariff},{random.Next(1, 500)},{kg},{Math.Round(cif * 0.9, 2)},{cif},{Math.Round(cif * 0.08, 2)},{(illicit ? 1 : 0)},{(illicit ? Math.Round(cif * 0.3, 2) : 0)}\n");
        }

        return text.ToString();
    }
}
