using System.Text;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Air;

namespace Portcullis.Tests.Ingest.Air;

public sealed class CargoXmlReaderTests
{
    private static List<AirItem> Read(params string[] messages) => [.. CargoXmlReader.Read(CargoXmlSamples.Bytes(messages))];

    private static AirMessage One(string message) => Assert.IsType<AirMessage>(Assert.Single(Read(message)));

    [Fact]
    public void A_Schiphol_import_waybill_maps_to_an_air_consignment_on_its_flight()
    {
        var message = One(CargoXmlSamples.Waybill());
        Assert.Empty(message.Document.Warnings);
        Assert.Equal("KLMCARGO", message.Sender);
        Assert.Equal(("KL", "KL0566/2026-03-02"), (message.Document.Movement!.Carrier, message.Document.Movement.Reference));
        var c = Assert.Single(message.Document.Consignments);
        Assert.Equal(("074-12345675", Direction.Import), (c.Reference, c.Direction));
        Assert.Equal(("KENBO", "NLAMS"), (c.Route.PortOfLoading, c.Route.PortOfDischarge));
        Assert.Equal(new DateTime(2026, 3, 3, 6, 5, 0, DateTimeKind.Utc), c.ArrivedAt);
        Assert.Equal(("060311", 512.5, 40), (c.Goods[0].HsCode, c.Goods[0].GrossKg!.Value, c.Goods[0].Packages));
    }

    [Theory]
    [InlineData("07412345675")]
    [InlineData("074 12345675")]
    [InlineData(" 074-12345675 ")]
    public void Air_waybill_numbers_are_normalised_to_prefix_dash_serial(string written) =>
        Assert.Equal("074-12345675", One(CargoXmlSamples.Waybill(awb: written)).Document.Consignments[0].Reference);

    [Fact]
    public void A_failing_check_digit_is_a_warning_and_the_number_is_kept_as_given()
    {
        var message = One(CargoXmlSamples.Waybill(awb: "074-12345676"));
        Assert.Equal("074-12345676", message.Document.Consignments[0].Reference);
        var warning = Assert.Single(message.Document.Warnings);
        Assert.Equal("cargoxml.awb-check-digit", warning.Code);
        Assert.Contains("'074-12345676'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("here 5", warning.Message, StringComparison.Ordinal);
        Assert.Equal(11, warning.Position!.Line);
    }

    [Fact]
    public void An_air_waybill_number_of_another_shape_is_kept_with_a_warning()
    {
        var message = One(CargoXmlSamples.Waybill(awb: "KL-555"));
        Assert.Equal("KL-555", message.Document.Consignments[0].Reference);
        Assert.Equal("cargoxml.awb-format", Assert.Single(message.Document.Warnings).Code);
    }

    [Fact]
    public void A_waybill_without_air_waybill_number_is_rejected_alone()
    {
        var items = Read(CargoXmlSamples.Waybill(awb: ""), CargoXmlSamples.Waybill(awb: "074-12345675"));
        var rejected = Assert.IsType<AirRejected>(items[0]);
        Assert.Equal("cargoxml.no-awb", rejected.Error.Code);
        Assert.Equal(11, rejected.Error.Position!.Line);
        Assert.Contains("<ram:ID />", rejected.RawText, StringComparison.Ordinal);
        Assert.IsType<AirMessage>(items[1]);
    }

    [Fact]
    public void An_unknown_message_is_rejected_alone_naming_what_we_read()
    {
        var items = Read("<rsm:StatusMessage xmlns:rsm=\"iata:statusmessage:1\"><x/></rsm:StatusMessage>", CargoXmlSamples.Waybill());
        var rejected = Assert.IsType<AirRejected>(items[0]);
        Assert.Equal("cargoxml.unknown-message", rejected.Error.Code);
        Assert.Equal("Message <StatusMessage> is not a Cargo-XML message we read; send Waybill (XFWB), HouseWaybill (XFZB) or FlightManifest (XFFM).", rejected.Error.Message);
        Assert.IsType<AirMessage>(items[1]);
    }

    [Fact]
    public void Unknown_airports_bad_dates_odd_units_and_bad_HS_codes_are_warnings_with_the_value_kept()
    {
        var message = One(CargoXmlSamples.Waybill(origin: "XQZ", departs: "2 March", weight: "<ram:GrossWeightMeasure unitCode=\"TON\">1</ram:GrossWeightMeasure>", hs: "06.03"));
        Assert.Equal(
            ["cargoxml.place", "cargoxml.date", "cargoxml.place", "cargoxml.hs-code", "cargoxml.weight-unit"],
            message.Document.Warnings.Select(w => w.Code));
        var c = message.Document.Consignments[0];
        Assert.Equal("XQZ", c.Route.PortOfLoading);
        Assert.Null(c.DepartedAt);
        Assert.Null(c.Goods[0].HsCode);
        Assert.Null(c.Goods[0].GrossKg);
        Assert.Contains("'2 March'", message.Document.Warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pounds_are_converted_to_kilograms() =>
        Assert.Equal(453.59237, One(CargoXmlSamples.Waybill(weight: "<ram:GrossWeightMeasure unitCode=\"LBR\">1000</ram:GrossWeightMeasure>")).Document.Consignments[0].Goods[0].GrossKg!.Value, 6);

    [Theory]
    [InlineData("Update", DocumentFunction.Replace)]
    [InlineData("Deletion", DocumentFunction.Cancel)]
    [InlineData("Creation", DocumentFunction.Original)]
    public void Purpose_code_gives_the_document_function(string purpose, DocumentFunction function) =>
        Assert.Equal(function, One(CargoXmlSamples.Waybill(purpose: purpose)).Document.Function);

    [Fact]
    public void A_flight_manifest_gives_the_flight_and_its_air_waybills()
    {
        var message = One(CargoXmlSamples.FlightManifest("KL0566", "2026-03-02T22:10:00Z", "074-12345675", "074-22222224"));
        Assert.Equal("XFFM", message.Type);
        var document = message.Document;
        Assert.Equal(("KL", "KL0566/2026-03-02", "PH-CKA"), (document.Movement!.Carrier, document.Movement.Reference, document.Movement.MeansId));
        Assert.Equal(["KENBO", "NLAMS"], document.Movement.Calls.Select(c => c.UnLocode));
        Assert.Equal(["074-12345675", "074-22222224"], document.Consignments.Select(c => c.Reference));
        Assert.Equal(("CUT FLOWERS", 100.0, 4), (document.Consignments[0].Goods[0].Description, document.Consignments[0].Goods[0].GrossKg!.Value, document.Consignments[0].Goods[0].Packages));
    }

    [Fact]
    public void Not_well_formed_input_fails_whole_with_line_and_column()
    {
        var items = Read(CargoXmlSamples.Waybill(), "<rsm:Waybill xmlns:rsm=\"iata:waybill:1\"><open></rsm:Waybill>");
        var failed = Assert.IsType<AirFailed>(items[^1]);
        Assert.Equal("cargoxml.not-well-formed", failed.Error.Code);
        Assert.Equal((38, 49), (failed.Error.Position!.Line, failed.Error.Position.Column));
        Assert.Equal("The input is not well-formed XML (The 'open' start tag on line 38 position 42 does not match the end tag of 'rsm:Waybill'); fix the XML and send it again.", failed.Error.Message);
    }

    [Fact]
    public void Entity_expansion_is_refused_before_any_entity_is_expanded()
    {
        var laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">\n");
        }

        laughs.Append("]>\n<rsm:Waybill xmlns:rsm=\"iata:waybill:1\"><ID>&lol9;</ID></rsm:Waybill>");
        var failed = Assert.IsType<AirFailed>(Assert.Single(CargoXmlReader.Read(Encoding.UTF8.GetBytes(laughs.ToString()))));
        Assert.Equal("cargoxml.dtd", failed.Error.Code);
        Assert.Equal("The input declares a DOCTYPE; Cargo-XML needs none, and DTDs are refused because their entities can expand without bound or read other files, so remove the DOCTYPE.", failed.Error.Message);
        Assert.Equal(2, failed.Error.Position!.Line);
    }

    [Fact]
    public void An_external_entity_is_refused_and_nothing_is_read_from_disk()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "074-12345675");
        try
        {
            var xxe = $"<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY awb SYSTEM \"file://{secret}\">]><rsm:Waybill xmlns:rsm=\"iata:waybill:1\"><rsm:BusinessHeaderDocument><ID>&awb;</ID></rsm:BusinessHeaderDocument></rsm:Waybill>";
            var failed = Assert.IsType<AirFailed>(Assert.Single(CargoXmlReader.Read(Encoding.UTF8.GetBytes(xxe))));
            Assert.Equal("cargoxml.dtd", failed.Error.Code);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_fails_whole()
    {
        var deep = "<rsm:Waybill xmlns:rsm=\"iata:waybill:1\">" + string.Concat(Enumerable.Repeat("<a>", 40)) + string.Concat(Enumerable.Repeat("</a>", 40)) + "</rsm:Waybill>";
        var failed = Assert.IsType<AirFailed>(Assert.Single(CargoXmlReader.Read(Encoding.UTF8.GetBytes(deep))));
        Assert.Equal("cargoxml.limit", failed.Error.Code);
        Assert.Contains("deeper than 32 levels", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_over_the_size_limit_fails_whole()
    {
        var options = new CargoXmlOptions { MaxMessageCharacters = 1000 };
        var failed = Assert.IsType<AirFailed>(Assert.Single(CargoXmlReader.Read(CargoXmlSamples.Bytes(CargoXmlSamples.Waybill(consignee: new string('X', 2000))), options)));
        Assert.Equal("cargoxml.limit", failed.Error.Code);
    }

    [Fact]
    public void A_declared_encoding_other_than_UTF8_is_refused()
    {
        var failed = Assert.IsType<AirFailed>(Assert.Single(CargoXmlReader.Read(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>"))));
        Assert.Equal("cargoxml.encoding", failed.Error.Code);
    }

    [Fact]
    public void Empty_input_fails_with_a_sentence() =>
        Assert.Equal("cargoxml.empty", Assert.IsType<AirFailed>(Assert.Single(CargoXmlReader.Read("<?xml version=\"1.0\"?>\n"u8.ToArray()))).Error.Code);

    [Fact]
    public void Check_digit_is_the_first_seven_serial_digits_modulo_7()
    {
        Assert.True(new AirWaybillNumber("074", "12345675").CheckDigitValid);
        Assert.True(new AirWaybillNumber("020", "68548340").CheckDigitValid);
        Assert.False(new AirWaybillNumber("074", "12345674").CheckDigitValid);
        Assert.Null(AirWaybillNumber.TryParse("074-1234567"));
        Assert.Null(AirWaybillNumber.TryParse("0741-2345675"));
    }
}
