using System.Text;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Air;

namespace Portcullis.Tests.Ingest.Air;

public sealed class OneRecordReaderTests
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "Ingest", "Air", "Examples", "one-record");

    [Fact]
    public void A_waybill_with_its_shipment_embedded_is_one_air_consignment()
    {
        var message = Assert.IsType<AirMessage>(Assert.Single(OneRecordReader.Read(OneRecordSamples.Bytes(OneRecordSamples.Waybill()))));
        Assert.Equal("ONE Record Waybill", message.Type);
        Assert.Empty(message.Document.Warnings);
        Assert.Equal(DocumentFunction.Original, message.Document.Function);
        var c = Assert.Single(message.Document.Consignments);
        Assert.Equal(("074-12345675", ConsignmentKind.AirCargo, Direction.Import), (c.Reference, c.Kind, c.Direction));
        Assert.Equal(("KENBO", "NLAMS"), (c.Route.PortOfLoading, c.Route.PortOfDischarge));
        Assert.Equal([(PartyRole.Consignor, "KENYA FRESH LTD", "KE"), (PartyRole.Consignee, "FLORA IMPORT BV", null)], c.Parties.Select(p => (p.Role, p.Name, p.CountryCode)));
        var goods = Assert.Single(c.Goods);
        Assert.Equal(("060311", "ROSES", 40, 512.5), (goods.HsCode, goods.Description, goods.Packages, goods.GrossKg!.Value));
    }

    [Fact]
    public void A_later_revision_replaces()
    {
        var message = Assert.IsType<AirMessage>(Assert.Single(OneRecordReader.Read(OneRecordSamples.Bytes(OneRecordSamples.Waybill(revision: "2")))));
        Assert.Equal(DocumentFunction.Replace, message.Document.Function);
    }

    [Fact]
    public void A_failing_check_digit_is_a_warning_and_kept()
    {
        var message = Assert.IsType<AirMessage>(Assert.Single(OneRecordReader.Read(OneRecordSamples.Bytes(OneRecordSamples.Waybill(number: "12345676")))));
        Assert.Equal("074-12345676", message.Document.Consignments[0].Reference);
        Assert.Equal("onerecord.awb-check-digit", Assert.Single(message.Document.Warnings).Code);
    }

    [Theory]
    [InlineData("Shipment_with_Piece.json")]
    [InlineData("Shipment_with_Piece.embedded.json")]
    public void IATA_example_shipments_without_a_waybill_are_rejected_alone(string file)
    {
        var rejected = Assert.IsType<AirRejected>(Assert.Single(OneRecordReader.Read(File.ReadAllBytes(Path.Combine(Examples, file)))));
        Assert.Equal("onerecord.no-awb", rejected.Error.Code);
        Assert.StartsWith("The Shipment ", rejected.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Lots of awesome ONE Record information materials", rejected.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_context_is_not_fetched_and_is_named_in_a_warning()
    {
        var json = OneRecordSamples.Waybill().Replace("""{ "cargo": "https://onerecord.iata.org/ns/cargo#", "api": "https://onerecord.iata.org/ns/api#" }""", "\"http://127.0.0.1:9/never-fetched.jsonld\"", StringComparison.Ordinal);
        var message = Assert.IsType<AirMessage>(Assert.Single(OneRecordReader.Read(OneRecordSamples.Bytes(json))));
        Assert.Equal("074-12345675", message.Document.Consignments[0].Reference);
        Assert.Equal("onerecord.context", Assert.Single(message.Document.Warnings).Code);
    }

    [Fact]
    public void Nesting_beyond_the_limit_and_broken_JSON_fail_whole()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        Assert.Equal("onerecord.limit", Assert.IsType<AirFailed>(Assert.Single(OneRecordReader.Read(Encoding.UTF8.GetBytes(deep)))).Error.Code);
        Assert.Equal("onerecord.not-json", Assert.IsType<AirFailed>(Assert.Single(OneRecordReader.Read("{\"@type\": "u8.ToArray()))).Error.Code);
    }

    [Fact]
    public void A_piece_alone_is_rejected_naming_what_to_send()
    {
        var rejected = Assert.IsType<AirRejected>(Assert.Single(OneRecordReader.Read("""{"@type":"https://onerecord.iata.org/ns/cargo#Piece","@id":"p1"}"""u8.ToArray())));
        Assert.Equal("onerecord.unknown-object", rejected.Error.Code);
    }
}
