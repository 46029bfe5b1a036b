using System.Globalization;
using System.Text;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Parsing.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portcullis.Ingest.Csv;

/// <summary>Turns mapping YAML into a validated <see cref="CsvMapping"/>; every problem names its line and column.</summary>
internal static class CsvMappingLoader
{
    private static readonly string[] TopKeys =
    [
        "delimiter", "encoding", "header", "decimal_separator", "declaration_id", "date", "hub", "kind", "direction",
        "parties", "hs_code", "hs_digits", "origin_country", "departure_country", "port_of_loading", "port_of_discharge",
        "gross_mass", "net_mass", "value", "packages", "description", "categorical", "numeric", "outcome",
    ];

    private static readonly Dictionary<string, PartyRole> PartyKeys = new(StringComparer.Ordinal)
    {
        ["consignee"] = PartyRole.Consignee,
        ["importer"] = PartyRole.Consignee,
        ["consignor"] = PartyRole.Consignor,
        ["exporter"] = PartyRole.Consignor,
        // The overseas seller is the party that ships the goods: the consignor in our model.
        ["seller"] = PartyRole.Consignor,
        ["declarant"] = PartyRole.Declarant,
        ["forwarder"] = PartyRole.Forwarder,
        ["courier"] = PartyRole.Forwarder,
        ["notify"] = PartyRole.Notify,
    };

    public static CsvMapping Load(TextReader yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var loaded = YamlDocumentLoader.Load(yaml);
        switch (loaded.Failure)
        {
            case { Kind: YamlLoadFailureKind.Syntax } f:
                throw YamlSection.Error("mapping.syntax", $"The mapping is not valid YAML ({f.Message.TrimEnd('.')}); fix the indentation or quoting there.", f.At);
            case { Kind: YamlLoadFailureKind.Anchor or YamlLoadFailureKind.Alias } f:
                throw YamlSection.Error("mapping.alias", $"The mapping uses the YAML {(f.Kind == YamlLoadFailureKind.Alias ? "alias '*" : "anchor '&")}{f.Message}', and mappings allow no anchors or aliases; write each value out in full.", f.At);
            case { Kind: YamlLoadFailureKind.TooDeep } f:
                throw YamlSection.Error("mapping.too-deep", $"The mapping nests sections and lists more than {YamlLimits.MaxDepth} levels deep; a mapping needs three at most, so remove the extra nesting.", f.At);
            case { Kind: YamlLoadFailureKind.TooLarge } f:
                throw YamlSection.Error("mapping.too-large", $"The mapping is longer than the limit of {YamlLimits.MaxDocumentChars} characters; check that the file given with --mapping is the mapping and not the data.", f.At);
            case { } f:
                throw YamlSection.Error("mapping.syntax", "The mapping is not valid YAML after this point (an unclosed bracket or quote); close it.", f.At);
        }

        if (loaded.RootMapping is not { } root)
        {
            throw YamlSection.Error("mapping.empty", "The mapping holds no 'key: value' lines; start from an example in docs/mappings.", Mark.Empty);
        }

        return Parse(new YamlSection(root, ""));
    }

    private static CsvMapping Parse(YamlSection top)
    {
        var hasHeader = top.Bool("header") ?? true;
        var decimalSeparator = DecimalSeparator(top);
        var delimiter = Delimiter(top);
        if (delimiter == decimalSeparator.ToString())
        {
            throw YamlSection.Error("mapping.delimiter", $"The delimiter and the decimal separator are both '{delimiter}'; change one of them.", top.Start);
        }

        ColumnRef? Col(YamlSection s, string key) => Column(s, key, hasHeader);
        ColumnRef Required(YamlSection s, string key) => Col(s, key)
            ?? throw YamlSection.Error("mapping.missing-key", $"The mapping has no '{s.Name(key)}'; add the column that holds it.", s.Start);

        var mapping = new CsvMapping(
            Delimiter: delimiter,
            Encoding: EncodingOf(top),
            HasHeader: hasHeader,
            DecimalSeparator: decimalSeparator,
            DeclarationId: Required(top, "declaration_id"),
            Date: Date(top, hasHeader),
            Hub: Hub(top, hasHeader),
            Kind: EnumOf(top, "kind", ConsignmentKind.SeaContainer),
            Direction: EnumOf(top, "direction", Direction.Import),
            Parties: Parties(top, hasHeader),
            HsCode: Col(top, "hs_code"),
            HsDigits: HsDigits(top),
            OriginCountry: Col(top, "origin_country"),
            DepartureCountry: Col(top, "departure_country"),
            PortOfLoading: Col(top, "port_of_loading"),
            PortOfDischarge: Col(top, "port_of_discharge"),
            GrossMass: Col(top, "gross_mass"),
            NetMass: Col(top, "net_mass"),
            Value: Value(top, hasHeader),
            Packages: Col(top, "packages"),
            Description: Col(top, "description"),
            Categorical: Features(top, "categorical", hasHeader),
            Numeric: Features(top, "numeric", hasHeader),
            Outcome: Outcome(top, hasHeader));
        top.RejectUnknown(TopKeys);
        if (mapping.DepartureCountry is not null && mapping.Categorical.ContainsKey(CsvMapping.DepartureCountryFeature))
        {
            throw YamlSection.Error("mapping.feature-name", $"The categorical name '{CsvMapping.DepartureCountryFeature}' is taken by departure_country; rename the categorical column.", top.Start);
        }

        return mapping;
    }

    /// <summary>A plain integer is a 0-based index; anything else (or anything quoted) is a header name.</summary>
    private static ColumnRef? Column(YamlSection section, string key, bool hasHeader) =>
        section.Scalar(key) is { } node ? ColumnOf(node, section.Name(key), hasHeader) : null;

    private static ColumnRef ColumnOf(YamlScalarNode node, string what, bool hasHeader)
    {
        var text = node.Value ?? "";
        if (node.Style == ScalarStyle.Plain && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return ColumnRef.ByIndex(index);
        }

        if (!hasHeader)
        {
            throw YamlSection.Error("mapping.column", $"'{what}' names column '{text}', but the file has no header row; give the column as a 0-based number.", node.Start);
        }

        return text.Length > 0 ? ColumnRef.ByName(text)
            : throw YamlSection.Error("mapping.column", $"'{what}' names an empty column; give the header name or a 0-based number.", node.Start);
    }

    private static string? Delimiter(YamlSection top)
    {
        var node = top.Scalar("delimiter");
        return node?.Value switch
        {
            null or "auto" => null,
            "," or ";" or "|" or "\t" => node.Value,
            "tab" or "\\t" => "\t",
            _ => throw YamlSection.Error("mapping.delimiter", $"Delimiter '{node.Value}' is not supported; use ',', ';', '|', tab or auto.", node.Start),
        };
    }

    private static char DecimalSeparator(YamlSection top)
    {
        var node = top.Scalar("decimal_separator");
        return node?.Value switch
        {
            null or "." => '.',
            "," => ',',
            _ => throw YamlSection.Error("mapping.decimal-separator", $"Decimal separator '{node.Value}' is not supported; use '.' or ','.", node.Start),
        };
    }

    private static Encoding EncodingOf(YamlSection top)
    {
        var node = top.Scalar("encoding");
        return node?.Value?.ToUpperInvariant() switch
        {
            null or "UTF-8" or "UTF8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            "LATIN-1" or "LATIN1" or "ISO-8859-1" => Encoding.Latin1,
            // The code-page provider ships with .NET itself, so windows-1252 needs no extra package.
            "WINDOWS-1252" or "CP1252" => CodePagesEncodingProvider.Instance.GetEncoding(1252)!,
            "ASCII" or "US-ASCII" => Encoding.ASCII,
            _ => throw YamlSection.Error("mapping.encoding", $"Encoding '{node.Value}' is not supported; use utf-8, latin-1 or windows-1252.", node.Start),
        };
    }

    private static DateMapping Date(YamlSection top, bool hasHeader)
    {
        var node = top.Node("date") ?? throw YamlSection.Error("mapping.missing-key", "The mapping has no 'date'; add the column that holds the declaration date.", top.Start);
        if (node is YamlScalarNode scalar)
        {
            return new DateMapping(ColumnOf(scalar, "date", hasHeader), ["yyyy-MM-dd"]);
        }

        var section = top.Section("date")!;
        var column = Column(section, "column", hasHeader)
            ?? throw YamlSection.Error("mapping.missing-key", "The mapping has no 'date.column'; add the column that holds the declaration date.", section.Start);
        var formats = section.List("formats")?.Select(f => f.Value ?? "").Where(f => f.Length > 0).ToList();
        section.RejectUnknown(["column", "formats"]);
        return new DateMapping(column, formats is { Count: > 0 } ? formats : ["yyyy-MM-dd"]);
    }

    private static HubMapping? Hub(YamlSection top, bool hasHeader)
    {
        var node = top.Node("hub");
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return new HubMapping(HubCode(scalar), null, new Dictionary<string, string>(), null);
        }

        var section = top.Section("hub")!;
        var column = Column(section, "column", hasHeader);
        var map = section.Section("map")?.Entries().ToDictionary(e => e.Key.Value ?? "", e => HubCode(e.Value as YamlScalarNode
            ?? throw YamlSection.Error("mapping.type", "Values under 'hub.map' must be hub codes.", e.Value.Start)), StringComparer.OrdinalIgnoreCase);
        var fallback = section.Scalar("default") is { } d ? HubCode(d) : null;
        section.RejectUnknown(["column", "map", "default"]);
        if (column is null && fallback is null)
        {
            throw YamlSection.Error("mapping.missing-key", "Section 'hub' needs a 'column' or a 'default'; or write 'hub: RTM' for one hub.", section.Start);
        }

        return new HubMapping(column is null ? fallback : null, column, map ?? new Dictionary<string, string>(), fallback);
    }

    private static string HubCode(YamlScalarNode node) =>
        HubCatalogue.Find(node.Value ?? "")?.Code
        ?? throw YamlSection.Error("mapping.hub", $"'{node.Value}' is not a hub; use one of {string.Join(", ", HubCatalogue.Codes)}.", node.Start);

    private static T EnumOf<T>(YamlSection top, string key, T fallback)
        where T : struct, Enum
    {
        var node = top.Scalar(key);
        if (node?.Value is null)
        {
            return fallback;
        }

        var name = node.Value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(name[0])
            ? value
            : throw YamlSection.Error("mapping.constant", $"'{key}' holds '{node.Value}'; use one of {string.Join(", ", Enum.GetNames<T>())}.", node.Start);
    }

    private static List<PartyMapping> Parties(YamlSection top, bool hasHeader)
    {
        var section = top.Section("parties");
        if (section is null)
        {
            return [];
        }

        var parties = PartyKeys.Keys.Select(key => Party(section, key, hasHeader)).OfType<PartyMapping>().ToList();
        section.RejectUnknown(PartyKeys.Keys);
        return parties;
    }

    private static readonly string[] ContactKeys = ["name", "street", "city", "postcode", "phone", "email"];

    // A party key holds its name column ('importer: Importer ID'), or a section with the name and contact columns.
    private static PartyMapping? Party(YamlSection section, string key, bool hasHeader)
    {
        if (section.Node(key) is not YamlMappingNode)
        {
            return Column(section, key, hasHeader) is { } column ? new PartyMapping(key, PartyKeys[key], column) : null;
        }

        var party = section.Section(key)!;
        var name = Column(party, "name", hasHeader)
            ?? throw YamlSection.Error("mapping.missing-key", $"'{section.Name(key)}' needs 'name': the column with the party's name or id.", ((YamlMappingNode)section.Node(key)!).Start);
        var mapping = new PartyMapping(key, PartyKeys[key], name)
        {
            Street = Column(party, "street", hasHeader),
            City = Column(party, "city", hasHeader),
            Postcode = Column(party, "postcode", hasHeader),
            Phone = Column(party, "phone", hasHeader),
            Email = Column(party, "email", hasHeader),
        };
        party.RejectUnknown(ContactKeys);
        return mapping;
    }

    private static int? HsDigits(YamlSection top)
    {
        var node = top.Scalar("hs_digits");
        if (node?.Value is null)
        {
            return null;
        }

        return int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && digits is >= 2 and <= 10
            ? digits
            : throw YamlSection.Error("mapping.hs-digits", $"'hs_digits' holds '{node.Value}'; use a whole number from 2 to 10.", node.Start);
    }

    private static ValueMapping? Value(YamlSection top, bool hasHeader)
    {
        var node = top.Node("value");
        if (node is null or YamlScalarNode)
        {
            return Column(top, "value", hasHeader) is { } c ? new ValueMapping(c, 1, null, null, new Dictionary<string, double>()) : null;
        }

        var section = top.Section("value")!;
        var column = Column(section, "column", hasHeader)
            ?? throw YamlSection.Error("mapping.missing-key", "The mapping has no 'value.column'; add the column that holds the value.", section.Start);
        var scale = section.Double("scale") ?? 1;
        var currency = section.String("currency")?.ToUpperInvariant();
        var currencyColumn = Column(section, "currency_column", hasHeader);
        var rates = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (section.Section("eur_rates") is { } rateSection)
        {
            foreach (var (key, _) in rateSection.Entries())
            {
                rates[key.Value ?? ""] = rateSection.Double(key.Value ?? "")!.Value;
            }
        }

        section.RejectUnknown(["column", "scale", "currency", "currency_column", "eur_rates"]);
        if (currency is not null and not "EUR" && !rates.ContainsKey(currency))
        {
            throw YamlSection.Error("mapping.currency", $"Values are in {currency} but 'value.eur_rates' has no rate for it; add '{currency}: <EUR per unit>'.", section.Start);
        }

        return new ValueMapping(column, scale, currency, currencyColumn, rates);
    }

    private static Dictionary<string, ColumnRef> Features(YamlSection top, string key, bool hasHeader)
    {
        var section = top.Section(key);
        var features = new Dictionary<string, ColumnRef>(StringComparer.Ordinal);
        foreach (var (name, value) in section?.Entries() ?? [])
        {
            var column = value as YamlScalarNode
                ?? throw YamlSection.Error("mapping.type", $"Under '{key}', '{name.Value}' must name one column.", value.Start);
            features[name.Value ?? ""] = ColumnOf(column, $"{key}.{name.Value}", hasHeader);
        }

        return features;
    }

    private static OutcomeMapping? Outcome(YamlSection top, bool hasHeader)
    {
        var section = top.Section("outcome");
        if (section is null)
        {
            return null;
        }

        var outcome = new OutcomeMapping(
            Inspected: Column(section, "inspected", hasHeader),
            AllInspected: section.Bool("all_inspected") ?? false,
            Hit: Column(section, "hit", hasHeader),
            SeizedKg: Column(section, "seized_kg", hasHeader),
            Revenue: Column(section, "revenue", hasHeader),
            TrueValues: Values(section, "true_values", ["1"]),
            FalseValues: Values(section, "false_values", ["0"]));
        section.RejectUnknown(["inspected", "all_inspected", "hit", "true_values", "false_values", "seized_kg", "revenue"]);
        if (outcome.AllInspected && outcome.Inspected is not null)
        {
            throw YamlSection.Error("mapping.outcome", "'outcome' has both 'inspected' and 'all_inspected: true'; keep one.", section.Start);
        }

        var overlap = outcome.TrueValues.Intersect(outcome.FalseValues, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        return overlap is null ? outcome
            : throw YamlSection.Error("mapping.outcome", $"'{overlap}' is in both true_values and false_values; remove it from one.", section.Start);
    }

    private static List<string> Values(YamlSection section, string key, List<string> fallback) =>
        section.List(key)?.Select(v => (v.Value ?? "").Trim()).Where(v => v.Length > 0).ToList() is { Count: > 0 } values ? values : fallback;
}
