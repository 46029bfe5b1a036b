using System.Text;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest.Csv;
using static Portcullis.Tests.Ingest.Csv.CsvTestKit;

namespace Portcullis.Tests.Ingest.Csv;

public sealed class CsvMappingTests
{
    [Fact]
    public void Minimal_mapping_takes_the_documented_defaults()
    {
        var m = Mapping(Minimal);

        Assert.Null(m.Delimiter);
        Assert.Equal("utf-8", m.Encoding.WebName);
        Assert.True(m.HasHeader);
        Assert.Equal('.', m.DecimalSeparator);
        Assert.Equal(ColumnRef.ByName("id"), m.DeclarationId);
        Assert.Equal(["yyyy-MM-dd"], m.Date.Formats);
        Assert.Null(m.Hub);
        Assert.Equal(ConsignmentKind.SeaContainer, m.Kind);
        Assert.Equal(Direction.Import, m.Direction);
        Assert.Empty(m.Parties);
        Assert.Null(m.Outcome);
    }

    [Fact]
    public void Every_key_is_read_into_the_mapping()
    {
        var m = Mapping("""
            delimiter: tab
            encoding: windows-1252
            header: true
            decimal_separator: ","
            declaration_id: ref
            date:
              column: when
              formats: [dd/MM/yyyy, unix-seconds]
            hub:
              column: office
              map: {"30": SPL}
              default: ZWB
            kind: air-cargo
            direction: export
            parties:
              importer: imp
              exporter: exp
              declarant: dec
              courier: cour
              notify: ntf
              seller: sell
            hs_code: hs
            hs_digits: 6
            origin_country: origin
            departure_country: dep
            port_of_loading: pol
            port_of_discharge: pod
            gross_mass: gross
            net_mass: net
            value:
              column: price
              scale: 0.001
              currency_column: cur
              eur_rates: {USD: 0.9}
            packages: pkgs
            description: text
            categorical: {office: office}
            numeric: {tax: tax_rate}
            outcome:
              inspected: checked
              hit: fraud
              true_values: [Y]
              false_values: [N]
              seized_kg: kg
              revenue: rev
            """);

        Assert.Equal("\t", m.Delimiter);
        Assert.Equal(1252, m.Encoding.CodePage);
        Assert.Equal(',', m.DecimalSeparator);
        Assert.Equal(["dd/MM/yyyy", "unix-seconds"], m.Date.Formats);
        Assert.Equal(ColumnRef.ByName("office"), m.Hub!.Column);
        Assert.Equal("SPL", m.Hub.Map["30"]);
        Assert.Equal("ZWB", m.Hub.Default);
        Assert.Equal(ConsignmentKind.AirCargo, m.Kind);
        Assert.Equal(Direction.Export, m.Direction);
        Assert.Equal(
            [(PartyRole.Consignee, "imp"), (PartyRole.Consignor, "exp"), (PartyRole.Consignor, "sell"), (PartyRole.Declarant, "dec"), (PartyRole.Forwarder, "cour"), (PartyRole.Notify, "ntf")],
            m.Parties.Select(p => (p.Role, p.Column.Name!)).ToList());
        Assert.Equal(6, m.HsDigits);
        Assert.Equal(ColumnRef.ByName("dep"), m.DepartureCountry);
        Assert.Equal(ColumnRef.ByName("pol"), m.PortOfLoading);
        Assert.Equal(ColumnRef.ByName("pod"), m.PortOfDischarge);
        Assert.Equal(0.001, m.Value!.Scale);
        Assert.Equal(ColumnRef.ByName("cur"), m.Value.CurrencyColumn);
        Assert.Equal(0.9, m.Value.EurRates["USD"]);
        Assert.Equal(ColumnRef.ByName("tax_rate"), m.Numeric["tax"]);
        Assert.Equal(["Y"], m.Outcome!.TrueValues);
        Assert.Equal(ColumnRef.ByName("kg"), m.Outcome.SeizedKg);
        Assert.Equal(ColumnRef.ByName("rev"), m.Outcome.Revenue);
    }

    [Fact]
    public void Plain_numbers_are_indexes_and_quoted_numbers_are_header_names()
    {
        var m = Mapping("""
            declaration_id: 0
            date: "2020"
            """);

        Assert.Equal(ColumnRef.ByIndex(0), m.DeclarationId);
        Assert.Equal(ColumnRef.ByName("2020"), m.Date.Column);
    }

    [Fact]
    public void Latin1_is_built_in()
    {
        Assert.Equal(Encoding.Latin1, Mapping("encoding: iso-8859-1\n" + Minimal).Encoding);
        Assert.Equal(Encoding.Latin1, Mapping("encoding: latin-1\n" + Minimal).Encoding);
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_line_and_column()
    {
        var issue = MappingError("declaration_id: id\ndate: day\n  formats: [a]\nhub: RTM\n");

        Assert.Equal("mapping.syntax", issue.Code);
        Assert.Equal(3, issue.Position!.Line);
    }

    [Fact]
    [Trait("Category", "security")]
    public void Anchors_and_aliases_are_refused_with_where_and_the_fix()
    {
        var issue = MappingError("declaration_id: &id id\ndate: day\ncategorical: { office: *id }\n");

        Assert.Equal("mapping.alias", issue.Code);
        Assert.Equal("The mapping uses the YAML anchor '&id', and mappings allow no anchors or aliases; write each value out in full.", issue.Message);
        Assert.Equal((1, 17), (issue.Position!.Line, issue.Position.Column));
    }

    [Fact]
    [Trait("Category", "security")]
    public void A_mapping_longer_or_deeper_than_the_limits_is_refused_in_one_sentence()
    {
        var large = MappingError("declaration_id: id\ndate: day\ndescription: " + new string('x', Portcullis.Parsing.Yaml.YamlLimits.MaxDocumentChars) + "\n");
        var deep = MappingError("declaration_id: id\ndate: day\ncategorical: " + new string('[', 40) + new string(']', 40) + "\n");

        Assert.Equal("mapping.too-large", large.Code);
        Assert.Contains("--mapping", large.Message, StringComparison.Ordinal);
        Assert.Equal("mapping.too-deep", deep.Code);
        Assert.Equal((3, 13 + Portcullis.Parsing.Yaml.YamlLimits.MaxDepth), (deep.Position!.Line, deep.Position.Column));
    }

    [Fact]
    public void An_unclosed_bracket_is_a_syntax_error_near_where_it_opened()
    {
        var issue = MappingError("declaration_id: id\ndate: [day\nhub: RTM\n");

        Assert.Equal("mapping.syntax", issue.Code);
        Assert.InRange(issue.Position!.Line, 2, 4);
    }

    [Fact]
    public void An_unknown_key_names_its_line_and_column_and_the_allowed_keys()
    {
        var issue = MappingError("declaration_id: id\ndate: day\n  \noutcome:\n  hit: fraud\n  labl: x\n");

        Assert.Equal("mapping.unknown-key", issue.Code);
        Assert.Contains("'labl' under 'outcome'", issue.Message, StringComparison.Ordinal);
        Assert.Contains("true_values", issue.Message, StringComparison.Ordinal);
        Assert.Equal((6, 3), (issue.Position!.Line, issue.Position.Column));
    }

    [Fact]
    public void An_unknown_top_level_key_is_an_error()
    {
        var issue = MappingError("declaration_id: id\ndate: day\ndelimeter: ';'\n");

        Assert.Equal("mapping.unknown-key", issue.Code);
        Assert.Equal((3, 1), (issue.Position!.Line, issue.Position.Column));
    }

    [Theory]
    [InlineData("date: day\n", "declaration_id")]
    [InlineData("declaration_id: id\n", "'date'")]
    [InlineData("declaration_id: id\ndate:\n  formats: [yyyy]\n", "date.column")]
    public void A_missing_required_key_is_named(string yaml, string key)
    {
        var issue = MappingError(yaml);

        Assert.Equal("mapping.missing-key", issue.Code);
        Assert.Contains(key, issue.Message, StringComparison.Ordinal);
        Assert.NotNull(issue.Position);
    }

    [Theory]
    [InlineData("delimiter: ':'\n", "mapping.delimiter")]
    [InlineData("encoding: ebcdic\n", "mapping.encoding")]
    [InlineData("decimal_separator: x\n", "mapping.decimal-separator")]
    [InlineData("hub: AMS\n", "mapping.hub")]
    [InlineData("kind: zeppelin\n", "mapping.constant")]
    [InlineData("direction: 1\n", "mapping.constant")]
    [InlineData("hs_digits: 12\n", "mapping.hs-digits")]
    [InlineData("header: maybe\n", "mapping.type")]
    [InlineData("value: {column: v, currency: USD}\n", "mapping.currency")]
    [InlineData("outcome: {hit: h, true_values: [1], false_values: ['1']}\n", "mapping.outcome")]
    [InlineData("outcome: {inspected: i, all_inspected: true}\n", "mapping.outcome")]
    [InlineData("delimiter: ','\ndecimal_separator: ','\n", "mapping.delimiter")]
    [InlineData("parties: {buyer: b}\n", "mapping.unknown-key")]
    public void A_bad_value_is_rejected_with_its_position(string extra, string code)
    {
        var issue = MappingError(extra + Minimal);

        Assert.Equal(code, issue.Code);
        Assert.NotNull(issue.Position);
    }

    [Fact]
    public void A_name_is_rejected_when_the_file_has_no_header()
    {
        var issue = MappingError("header: false\ndeclaration_id: 0\ndate: day\n");

        Assert.Equal("mapping.column", issue.Code);
        Assert.Equal(3, issue.Position!.Line);
    }

    [Fact]
    public void An_empty_mapping_is_rejected() => Assert.Equal("mapping.empty", MappingError("").Code);

    [Theory]
    [InlineData("date-synthetic.yaml")]
    [InlineData("kcs-customs-declarations.yaml")]
    public void The_example_mappings_load(string name) => Assert.NotNull(CsvMapping.Load(MappingPath(name)));
}
