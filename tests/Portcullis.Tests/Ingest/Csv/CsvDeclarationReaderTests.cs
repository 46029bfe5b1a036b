using System.Text;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Csv;
using static Portcullis.Tests.Ingest.Csv.CsvTestKit;

namespace Portcullis.Tests.Ingest.Csv;

public sealed class CsvDeclarationReaderTests
{
    private const string Full = """
        declaration_id: id
        date: {column: day, formats: [dd/MM/yyyy]}
        hub: {column: office, map: {"30": SPL}}
        kind: AirCargo
        direction: Export
        parties: {importer: imp, exporter: exp, declarant: dec, forwarder: fwd, notify: ntf}
        hs_code: hs
        hs_digits: 6
        origin_country: origin
        departure_country: dep
        port_of_loading: pol
        port_of_discharge: pod
        gross_mass: gross
        net_mass: net
        value: {column: price, scale: 0.5, currency_column: cur, eur_rates: {USD: 0.9}}
        packages: pkgs
        description: text
        categorical: {channel: chan}
        numeric: {tax: tax}
        outcome: {inspected: chk, hit: fraud, true_values: [Y], false_values: [N], seized_kg: kg, revenue: rev}
        """;

    private const string FullHeader = "id,day,office,imp,exp,dec,fwd,ntf,hs,origin,dep,pol,pod,gross,net,price,cur,pkgs,text,chan,tax,chk,fraud,kg,rev\n";

    [Fact]
    public void Every_mapped_column_lands_in_the_record()
    {
        var d = Single(FullHeader + "D-1,31/12/2024,30,Imp BV,Exp Ltd,Decl,Fwd,Ntf,8703.23.90,cn,ec,ECGYE,NLRTM,1200.5,1100,2000,USD,12,Cars,green,6.5,Y,Y,3.25,999\n", Full);

        var c = d.Consignment;
        Assert.Equal(1, d.Row);
        Assert.Equal("D-1", c.Reference);
        Assert.Equal(new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc), c.BookedAt);
        Assert.Equal(DateTimeKind.Utc, c.BookedAt!.Value.Kind);
        Assert.Equal("SPL", c.HubCode);
        Assert.Equal(ConsignmentKind.AirCargo, c.Kind);
        Assert.Equal(Direction.Export, c.Direction);
        Assert.Equal(
            [(PartyRole.Consignee, "Imp BV"), (PartyRole.Consignor, "Exp Ltd"), (PartyRole.Declarant, "Decl"), (PartyRole.Forwarder, "Fwd"), (PartyRole.Notify, "Ntf")],
            c.Parties.Select(p => (p.Role, p.Name)).ToList());
        Assert.Equal("CN", c.OriginCountry);
        Assert.Equal(("ECGYE", "NLRTM"), (c.Route.PortOfLoading, c.Route.PortOfDischarge));
        var g = Assert.Single(c.Goods);
        Assert.Equal(new GoodsRecord(1, "870323", "Cars", 12, null, 1200.5, 1100, 2000 * 0.5 * 0.9), g);
        Assert.Equal("green", d.Categorical["channel"]);
        Assert.Equal("EC", d.Categorical[CsvMapping.DepartureCountryFeature]);
        Assert.Equal(6.5, d.Numeric["tax"]);
        Assert.Equal(new OutcomeRecord(true, true, 3.25, 999), d.Outcome);
    }

    [Fact]
    public void Empty_optional_cells_are_absent_not_errors()
    {
        var d = Single(FullHeader + "D-2,01/01/2024,,,,,,,,,,,,,,,,,,,,,,,\n", Full);

        Assert.Null(d.Consignment.HubCode);
        Assert.Empty(d.Consignment.Parties);
        Assert.Empty(d.Consignment.Goods);
        Assert.Empty(d.Categorical);
        Assert.Empty(d.Numeric);
        Assert.Equal(new OutcomeRecord(false, null, null, null), d.Outcome);
    }

    [Theory]
    [InlineData("hub: RTM", "x", "RTM")]
    [InlineData("hub: {column: h}", "zwb", "ZWB")]
    [InlineData("hub: {column: h, default: NZK}", "Tilburg", "NZK")]
    [InlineData("hub: {default: FLW}", "x", "FLW")]
    public void The_hub_comes_from_a_constant_a_column_or_a_default(string hub, string cell, string expected) =>
        Assert.Equal(expected, Single($"id,day,h\nA,2024-01-01,{cell}\n", Minimal + "\n" + hub).Consignment.HubCode);

    [Fact]
    public void A_hub_value_that_is_neither_a_hub_nor_mapped_rejects_the_row()
    {
        var issue = Rejected("id,day,h\nA,2024-01-01,Tilburg\n", Minimal + "\nhub: {column: h}");

        Assert.Equal("csv.bad-hub", issue.Code);
        Assert.Contains("'Tilburg'", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("710807000", null, "0710807000")]
    [InlineData("8703239090", 4, "8703")]
    [InlineData("0901.21", null, "090121")]
    public void Hs_codes_keep_digits_restore_a_lost_leading_zero_and_are_cut_to_hs_digits(string cell, int? digits, string expected)
    {
        var yaml = Minimal + "\nhs_code: hs" + (digits is { } n ? $"\nhs_digits: {n}" : "");

        Assert.Equal(expected, Single($"id,day,hs\nA,2024-01-01,{cell}\n", yaml).Consignment.Goods[0].HsCode);
    }

    [Theory]
    [InlineData("yyyy-MM-dd", "2024-03-05", "2024-03-05T00:00:00")]
    [InlineData("yy-MM-dd", "13-01-02", "2013-01-02T00:00:00")]
    [InlineData("dd/MM/yyyy HH:mm", "05/03/2024 17:45", "2024-03-05T17:45:00")]
    [InlineData("unix-seconds", "1709660700", "2024-03-05T17:45:00")]
    [InlineData("unix-milliseconds", "1709660700000", "2024-03-05T17:45:00")]
    public void Dates_are_read_in_the_mapped_format_as_utc(string format, string cell, string expected)
    {
        var at = Single($"id,day\nA,{cell}\n", $"declaration_id: id\ndate: {{column: day, formats: ['{format}']}}").Consignment.BookedAt!.Value;

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(DateTimeKind.Utc, at.Kind);
    }

    [Fact]
    public void A_bad_date_names_row_column_value_and_expected_format()
    {
        var rows = Read("id,day\nA,2024-01-01\nB,31/01/2024\n", "declaration_id: id\ndate: {column: day, formats: [yyyy-MM-dd]}");

        Assert.True(rows[0].Accepted);
        Assert.Equal("Row 2: column 'day' holds '31/01/2024'; expected a date as yyyy-MM-dd.", rows[1].Issue!.Message);
        Assert.Equal(2, rows[1].Issue!.Position!.Column);
        Assert.Equal(3, rows[1].Issue!.Position!.Line);
    }

    [Fact]
    public void A_label_outside_the_true_and_false_values_rejects_that_row_by_number()
    {
        var csv = new StringBuilder("id,day,fraud\n");
        for (var i = 1; i <= 1203; i++)
        {
            csv.Append(CultureInfo(i)).Append(",2024-01-01,").Append(i == 1203 ? "maybe" : i % 2 == 0 ? "1" : "").Append('\n');
        }

        var rows = Read(csv.ToString(), Minimal + "\noutcome: {hit: fraud}");

        Assert.Equal(1202, rows.Count(r => r.Accepted));
        var bad = Assert.Single(rows, r => !r.Accepted);
        Assert.Equal(1203, bad.Row);
        Assert.Equal("Row 1,203: column 'fraud' holds 'maybe'; the label column must hold 0, 1 or nothing.", bad.Issue!.Message);
        Assert.Equal(new OutcomeRecord(true, true, null, null), rows[1].Declaration!.Outcome);
        Assert.Equal(new OutcomeRecord(false, null, null, null), rows[0].Declaration!.Outcome);

        static string CultureInfo(int i) => "D" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Configured_label_values_replace_0_and_1_and_all_inspected_marks_every_row()
    {
        var rows = Read("id,day,f\nA,2024-01-01,y\nB,2024-01-01,N\nC,2024-01-01,\n", Minimal + "\noutcome: {all_inspected: true, hit: f, true_values: [Y], false_values: [N]}");

        Assert.Equal([true, false, null], rows.Select(r => r.Declaration!.Outcome!.Hit).ToList());
        Assert.All(rows, r => Assert.True(r.Declaration!.Outcome!.Inspected));
    }

    [Fact]
    public void A_file_whose_every_row_is_rejected_is_still_a_clean_result()
    {
        var rows = Read("id,day\n,2024-01-01\nB,never\n", Minimal);

        Assert.Equal(["csv.missing-id", "csv.bad-date"], rows.Select(r => r.Issue!.Code).ToList());
        Assert.Equal([1L, 2L], rows.Select(r => r.Row).ToList());
    }

    [Fact]
    public void A_mapped_column_missing_from_the_header_is_one_error_naming_it_and_the_header()
    {
        var e = Assert.Throws<IngestRejectedException>(() => Read("id,day,label\nA,2024-01-01,1\n", Minimal + "\noutcome: {hit: fraud, revenue: rev}"));

        Assert.Equal("csv.unknown-column", e.Issue.Code);
        Assert.Equal("The file has no columns 'fraud', 'rev' that the mapping names; its columns are: 'id', 'day', 'label'. Fix the names in the mapping.", e.Issue.Message);
    }

    [Fact]
    public void Header_names_match_ignoring_case_and_spaces_when_there_is_no_exact_match() =>
        Assert.Equal("A", Single(" ID ,Day\nA,2024-01-01\n", Minimal).Consignment.Reference);

    [Fact]
    public void Columns_by_index_read_a_file_without_header()
    {
        var d = Single("2024-01-01,A,7.5\n", "header: false\ndeclaration_id: 1\ndate: 0\ngross_mass: 2");

        Assert.Equal(("A", 7.5), (d.Consignment.Reference, d.Consignment.Goods[0].GrossKg));
    }

    [Fact]
    public void An_index_beyond_the_first_row_is_a_file_error()
    {
        var e = Assert.Throws<IngestRejectedException>(() => Read("2024-01-01,A\n", "header: false\ndeclaration_id: 1\ndate: 0\ngross_mass: 5"));

        Assert.Contains("#5", e.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_shorter_than_the_mapping_needs_is_rejected()
    {
        var rows = Read("id,day,kg\nA,2024-01-01,1\nB,2024-01-01\n", Minimal + "\ngross_mass: kg");

        Assert.True(rows[0].Accepted);
        Assert.Equal("csv.short-row", rows[1].Issue!.Code);
    }

    [Fact]
    public void Quoted_fields_keep_embedded_delimiters_quotes_and_newlines()
    {
        var d = Single("id,day,text\n\"A,1\",2024-01-01,\"Bananas, \"\"green\"\"\nsecond line\"\n", Minimal + "\ndescription: text");

        Assert.Equal("A,1", d.Consignment.Reference);
        Assert.Equal("Bananas, \"green\"\nsecond line", d.Consignment.Goods[0].Description);
    }

    [Fact]
    public void Tab_separated_files_are_read()
    {
        var d = Single("id\tday\tkg\nA,B\t2024-01-01\t5.5\n", "delimiter: tab\n" + Minimal + "\ngross_mass: kg");

        Assert.Equal(("A,B", 5.5), (d.Consignment.Reference, d.Consignment.Goods[0].GrossKg));
    }

    [Fact]
    public void Semicolons_with_decimal_commas_are_read()
    {
        var d = Single("id;day;kg;value\nA;2024-01-01;1234,5;0,25\n", "delimiter: ';'\ndecimal_separator: ','\n" + Minimal + "\ngross_mass: kg\nvalue: value");

        Assert.Equal((1234.5, 0.25), (d.Consignment.Goods[0].GrossKg, d.Consignment.Goods[0].ValueEur));
    }

    [Theory]
    [InlineData("id;day;kg\nA;2024-01-01;2\nB;2024-01-02;3\n")]
    [InlineData("id|day|kg\nA|2024-01-01|2\nB|2024-01-02|3\n")]
    [InlineData("id\tday\tkg\nA\t2024-01-01\t2\nB\t2024-01-02\t3\n")]
    public void The_delimiter_is_detected_when_the_mapping_says_auto(string csv)
    {
        var rows = Read(csv, "delimiter: auto\n" + Minimal + "\ngross_mass: kg");

        Assert.Equal([2.0, 3.0], rows.Select(r => r.Declaration!.Consignment.Goods[0].GrossKg!.Value).ToList());
    }

    [Fact]
    public void A_number_with_the_wrong_decimal_separator_rejects_the_row()
    {
        var issue = Rejected("id;day;kg\nA;2024-01-01;12.5.1\n", "delimiter: ';'\ndecimal_separator: ','\n" + Minimal + "\ngross_mass: kg");

        Assert.Equal("Row 1: column 'kg' holds '12.5.1'; expected a number with ',' as decimal separator.", issue.Message);
    }

    [Fact]
    public void Utf8_with_bom_keeps_accented_names()
    {
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("id,day,imp\nA,2024-01-01,Société Müller Ødegaard\n")).ToArray();

        var rows = Read(bytes, Mapping(Minimal + "\nparties: {importer: imp}"));

        Assert.Equal("Société Müller Ødegaard", Assert.Single(rows).Declaration!.Consignment.Parties[0].Name);
        Assert.Equal("A", rows[0].Declaration!.Consignment.Reference);
    }

    [Fact]
    public void Latin1_files_keep_accented_names()
    {
        var bytes = Encoding.Latin1.GetBytes("id,day,imp\nA,2024-01-01,Société Müller Ødegaard\n");
        Assert.Contains((byte)0xE9, bytes);
        Assert.DoesNotContain((byte)0xC3, bytes);

        var rows = Read(bytes, Mapping("encoding: latin-1\n" + Minimal + "\nparties: {importer: imp}"));

        Assert.Equal("Société Müller Ødegaard", Assert.Single(rows).Declaration!.Consignment.Parties[0].Name);
    }

    [Fact]
    public void A_currency_without_a_rate_rejects_the_row_and_a_constant_currency_converts()
    {
        var yaml = Minimal + "\nvalue: {column: v, currency_column: c, currency: USD, scale: 1000, eur_rates: {USD: 0.5}}";
        var rows = Read("id,day,v,c\nA,2024-01-01,2,\nB,2024-01-01,2,EUR\nC,2024-01-01,2,JPY\n", yaml);

        Assert.Equal(1000.0, rows[0].Declaration!.Consignment.Goods[0].ValueEur);
        Assert.Equal(2000.0, rows[1].Declaration!.Consignment.Goods[0].ValueEur);
        Assert.Equal("csv.no-rate", rows[2].Issue!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("id,day\n")]
    public void An_empty_file_or_a_bare_header_yields_no_rows(string csv) => Assert.Empty(Read(csv, Minimal));

    [Fact]
    public void Reading_is_lazy_and_stops_when_cancelled()
    {
        using var cts = new CancellationTokenSource();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("id,day\nA,2024-01-01\nB,2024-01-01\n"));
        using var rows = CsvDeclarationReader.Read(stream, Mapping(Minimal), cts.Token).GetEnumerator();

        Assert.True(rows.MoveNext());
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => rows.MoveNext());
    }
}
