using System.Globalization;
using CsvHelper;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Sanctions.Goods;

public enum GoodsDirection
{
    /// <summary>Into the EU from the listed country.</summary>
    Import,

    /// <summary>From the EU to the listed country.</summary>
    Export,
}

/// <summary>One row of an annex: goods whose CN code starts with <see cref="CodePrefix"/>, in one direction, for one country.</summary>
public sealed record GoodsRule(string CodePrefix, GoodsDirection Direction, string Country, string Annex, string Reference, DateOnly Since, string Description);

/// <summary>What the rule family looks at on a consignment: its goods codes, where the goods come from and go to, and the countries on the way.</summary>
/// <param name="HsCodes">The goods lines' CN/HS codes, digits only.</param>
/// <param name="Origin">Country of origin (ISO alpha-2).</param>
/// <param name="Destination">Country the goods go to (the consignee's for imports into the EU: NL).</param>
/// <param name="Route">Countries of loading, receipt and transhipment.</param>
/// <param name="PartyCountries">Countries of the consignor, consignee and other parties.</param>
/// <param name="Date">The day of the consignment: a rule applies from its date in force.</param>
public sealed record GoodsShipment(IReadOnlyList<string> HsCodes, string Origin, string Destination, IReadOnlyList<string> Route, IReadOnlyList<string> PartyCountries, DateOnly Date);

/// <summary>A flagged goods line: the rule and the plain-language reason, as a phrase (<see cref="GoodsPhrases"/>) and in English.</summary>
public sealed record GoodsFlag(GoodsRule Rule, string HsCode, Phrase Why)
{
    public string Reason => GoodsPhrases.Catalogue.Say(Why);
}

/// <summary>
/// Sanctioned goods (EU restrictive measures against Russia and Belarus): a goods line is flagged
/// when its code falls under an annex row and the consignment comes from (import rows) or goes to
/// (export rows) the listed country, or when it is routed through a circumvention country
/// (TR, AE, KZ, AM, KG, GE, CN) and still has a link to the listed country (origin, a party, a port).
/// </summary>
public sealed class SanctionedGoods(IReadOnlyList<GoodsRule> rules)
{
    public static IReadOnlySet<string> CircumventionCountries { get; } = new HashSet<string>(["TR", "AE", "KZ", "AM", "KG", "GE", "CN"], StringComparer.Ordinal);

    public IReadOnlyList<GoodsRule> Rules { get; } = rules;

    /// <summary>The built-in representative excerpt (Goods/eu-russia-belarus.csv).</summary>
    public static SanctionedGoods BuiltIn { get; } = LoadBuiltIn();

    public IReadOnlyList<GoodsFlag> Evaluate(GoodsShipment shipment)
    {
        var flags = new List<GoodsFlag>();
        foreach (var code in shipment.HsCodes.Where(c => c.Length >= 2).Distinct(StringComparer.Ordinal))
        {
            foreach (var rule in Rules.Where(r => code.StartsWith(r.CodePrefix, StringComparison.Ordinal) && shipment.Date >= r.Since))
            {
                if (Why(rule, code, shipment) is { } reason)
                {
                    flags.Add(new GoodsFlag(rule, code, reason));
                    break;
                }
            }
        }

        return flags;
    }

    private static Phrase? Why(GoodsRule rule, string code, GoodsShipment s)
    {
        var import = rule.Direction == GoodsDirection.Import;
        var what = Phrase.Of(import ? "GoodsWhy.Listed.Import" : "GoodsWhy.Listed.Export",
            code, rule.Description, rule.Annex, rule.Reference, rule.Country, rule.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var country = rule.Country;
        // The route through a third country is said first: it is what an analyst must look at.
        var via = s.Route.Where(CircumventionCountries.Contains).Distinct(StringComparer.Ordinal).ToList();
        var link = string.Equals(s.Origin, country, StringComparison.Ordinal) ? Phrase.Of("GoodsWhy.Link.Origin", country)
            : string.Equals(s.Destination, country, StringComparison.Ordinal) ? Phrase.Of("GoodsWhy.Link.Destination", country)
            : s.Route.Contains(country, StringComparer.Ordinal) ? Phrase.Of("GoodsWhy.Link.Port", country)
            : s.PartyCountries.Contains(country, StringComparer.Ordinal) ? Phrase.Of("GoodsWhy.Link.Party", country)
            : null;
        if (via.Count > 0 && link is not null)
        {
            return Phrase.Of("GoodsWhy.Circumvention", what, string.Join(", ", via), link);
        }

        var end = import ? s.Origin : s.Destination;
        return string.Equals(end, country, StringComparison.Ordinal)
            ? Phrase.Of(import ? "GoodsWhy.OriginateIn" : "GoodsWhy.GoTo", what, country)
            : null;
    }

    /// <summary>
    /// Reads rules from CSV (the columns of the built-in file, RFC 4180 quoting so a description or a
    /// reference may hold commas); '#' lines are comments. An error names the line and the fix.
    /// </summary>
    public static (SanctionedGoods? Goods, string? Error) Parse(TextReader reader)
    {
        var rules = new List<GoodsRule>();
        using var csv = CsvReader.Create(reader, new CsvReaderOptions
        {
            HasHeader = false,
            CommentPrefix = '#',
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Throw,
        }, leaveOpen: true);
        var header = false;
        try
        {
            while (csv.Read())
            {
                var lineNumber = csv.LineNumber;
                var cells = new string[csv.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = csv.GetString(i) ?? "";
                }
                if (!header)
                {
                    header = true;
                    if (cells.Length > 0 && cells[0].Trim() == "code")
                    {
                        continue;
                    }
                }

                if (cells.Length < 7)
                {
                    return (null, $"line {lineNumber}: {cells.Length} columns, 7 expected (code,direction,country,annex,reference,date,description).");
                }

                var code = cells[0].Trim().Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
                if (code.Length is < 2 or > 10 || !code.All(char.IsAsciiDigit))
                {
                    return (null, $"line {lineNumber}: the code '{Shown(cells[0])}' is not 2 to 10 digits; give a CN/HS code prefix such as 7208.");
                }

                GoodsDirection? direction = cells[1].Trim().ToLowerInvariant() switch { "import" => GoodsDirection.Import, "export" => GoodsDirection.Export, _ => null };
                if (direction is null)
                {
                    return (null, $"line {lineNumber}: the direction '{Shown(cells[1])}' is neither import nor export.");
                }

                var country = cells[2].Trim().ToUpperInvariant();
                if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
                {
                    return (null, $"line {lineNumber}: the country '{Shown(cells[2])}' is not an ISO 3166 alpha-2 code (RU, BY).");
                }

                if (!DateOnly.TryParseExact(cells[5].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var since))
                {
                    return (null, $"line {lineNumber}: the date '{Shown(cells[5])}' is not yyyy-MM-dd.");
                }

                // Columns after the seventh are an unquoted description that held commas: kept whole.
                var description = string.Join(",", cells.Skip(6)).Trim();
                rules.Add(new GoodsRule(code, direction.Value, country, Cut(cells[3].Trim(), 200), Cut(cells[4].Trim(), 300), since, Cut(description, 500)));
            }
        }
        catch (CsvFormatException)
        {
            return (null, $"line {csv.LineNumber}: the CSV is malformed (a quote is not closed or stray); check the quoting of that row.");
        }

        return rules.Count == 0 ? (null, "the file holds no rules; give at least one row code,direction,country,annex,reference,date,description.") : (new SanctionedGoods(rules), null);
    }

    private static string Cut(string value, int length) => value.Length > length ? value[..length] : value;

    private static string Shown(string value)
    {
        var trimmed = value.Trim();
        trimmed = trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed;
        return new string([.. trimmed.Select(c => char.IsControl(c) ? '?' : c)]);
    }

    private static SanctionedGoods LoadBuiltIn()
    {
        using var stream = typeof(SanctionedGoods).Assembly.GetManifestResourceStream("Portcullis.Parties.Sanctions.Goods.eu-russia-belarus.csv")!;
        using var reader = new StreamReader(stream);
        var (goods, error) = Parse(reader);
        return goods ?? throw new InvalidOperationException("The built-in sanctioned-goods file is broken: " + error);
    }
}
