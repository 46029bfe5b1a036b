using System.Globalization;
using System.Text;

namespace Portcullis.Monitoring;

/// <summary>A published yearly figure (kilograms seized), shipped with the program as a reference series and always labelled "public figures".</summary>
public sealed record PublicFigure(int Year, string Place, string Substance, double Kilograms, string Qualifier, string Source);

/// <summary>The public figures of shared/DOMAIN.md, read from the embedded <c>public-figures.csv</c> (its own source column says where each comes from).</summary>
public static class PublicFigures
{
    private static readonly Lazy<IReadOnlyList<PublicFigure>> Loaded = new(Load);

    public static IReadOnlyList<PublicFigure> All => Loaded.Value;

    public static CsvTable Table() => new("public-figures",
        ["year", "place", "substance", "kilograms", "qualifier", "source"],
        [.. All.Select(f => (IReadOnlyList<string>)[f.Year.ToString(CultureInfo.InvariantCulture), f.Place, f.Substance, CsvTable.Number(f.Kilograms, 0), f.Qualifier, f.Source])]);

    private static List<PublicFigure> Load()
    {
        using var stream = typeof(PublicFigures).Assembly.GetManifestResourceStream("Portcullis.Monitoring.public-figures.csv")
            ?? throw new InvalidOperationException("The embedded public-figures.csv is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var figures = new List<PublicFigure>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var f = Split(line);
            figures.Add(new PublicFigure(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], double.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5]));
        }

        return figures;
    }

    // The shipped file is ours and simple: fields may be quoted (the source holds commas), no quotes inside.
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
