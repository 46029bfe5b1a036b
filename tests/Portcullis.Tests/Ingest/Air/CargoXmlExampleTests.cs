using System.Text;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Air;

namespace Portcullis.Tests.Ingest.Air;

/// <summary>
/// Third-party Cargo-XML files (riege/one-record-converter, see Examples/ATTRIBUTION.md): each is
/// read, and the expected values are the ones written in the file itself.
/// </summary>
public sealed class CargoXmlExampleTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Ingest", "Air", "Examples");

    private static AirMessage ReadOne(string file)
    {
        var items = CargoXmlReader.Read(File.ReadAllBytes(Path.Combine(Root, file))).ToList();
        return Assert.IsType<AirMessage>(Assert.Single(items));
    }

    [Theory]
    [InlineData("888-11111111_XFWB.xml", "XFWB", "888-11111111")]
    [InlineData("888-11111111_XFWB_multipleULD_multipleHTS.xml", "XFWB", "888-11111111")]
    [InlineData("888-11111111_XFWB_noModeCode.xml", "XFWB", "888-11111111")]
    [InlineData("888-11111111_XFWB_ACAS_US.xml", "XFWB", "888-11111111")]
    [InlineData("xfwbExample.xml", "XFWB", "020-68548340")]
    [InlineData("SEL22222222_XFZB.xml", "XFZB", "888-11111111/SEL22222222")]
    public void Every_example_is_read_with_its_air_waybill(string file, string type, string reference)
    {
        var message = ReadOne(file);
        Assert.Equal(type, message.Type);
        var consignment = Assert.Single(message.Document.Consignments);
        Assert.Equal(reference, consignment.Reference);
        Assert.Equal(ConsignmentKind.AirCargo, consignment.Kind);
        Assert.DoesNotContain(message.Document.Warnings, w => w.Code == "cargoxml.awb-check-digit");
    }

    [Fact]
    public void Riege_master_waybill_gives_parties_goods_route_and_the_last_flight()
    {
        var message = ReadOne("888-11111111_XFWB.xml");
        var document = message.Document;
        Assert.Equal("888-11111111_6c763819-1067-43fe-acf7-db4daf4f77cf", document.MessageReference);
        Assert.Equal("888-11111111", document.DocumentNumber);
        Assert.Equal(DocumentFunction.Original, document.Function);
        Assert.Equal("RIEGESOFTWARE", message.Sender);

        Assert.Equal(TransportMode.Air, document.Movement!.Mode);
        Assert.Equal("XX", document.Movement.Carrier);
        Assert.Equal("XX345/2021-03-12", document.Movement.Reference);
        Assert.Equal(["IEDUB", "AEAUH"], document.Movement.Calls.Select(c => c.UnLocode));

        var c = Assert.Single(document.Consignments);
        Assert.Equal("IEORK", c.Route.PortOfLoading);
        Assert.Equal(["IEDUB"], c.Route.TransshipmentPorts);
        Assert.Equal("AEAUH", c.Route.PortOfDischarge);
        Assert.Equal("CNSHA", c.Route.PlaceOfDelivery);
        Assert.Equal(new DateTime(2021, 3, 10, 0, 0, 0, DateTimeKind.Utc), c.BookedAt);
        Assert.Equal(new DateTime(2021, 3, 10, 0, 0, 0, DateTimeKind.Utc), c.DepartedAt);

        var consignor = Assert.Single(c.Parties, p => p.Role == PartyRole.Consignor);
        Assert.Equal(("FORWARDER COMPANY IRELAND LTD", "IE", "IE1234567N"), (consignor.Name, consignor.CountryCode, consignor.Eori));
        var consignee = Assert.Single(c.Parties, p => p.Role == PartyRole.Consignee);
        Assert.Equal(("FORWARDER COMPANY SHANGHAI LTD ROOM 123 SPECIAL BUILDING. NR 987", "CN"), (consignee.Name, consignee.CountryCode));
        var forwarder = Assert.Single(c.Parties, p => p.Role == PartyRole.Forwarder);
        Assert.Equal(("FORWARDER COMPANY IRELAND LIMITED", "IE"), (forwarder.Name, forwarder.CountryCode));

        var goods = Assert.Single(c.Goods);
        Assert.Equal("000111", goods.HsCode);
        Assert.Equal(3, goods.Packages);
        Assert.Equal(1042.0, goods.GrossKg);
        Assert.Equal("CONSOLIDATION AS PER ATTACHED MANIFEST SECURE CARGO NOT RESTRICTED AIRLINE PHARMA SERVICE", goods.Description);
    }

    [Fact]
    public void A_second_HS_code_on_a_rating_continuation_line_becomes_its_own_goods_line()
    {
        var c = Assert.Single(ReadOne("888-11111111_XFWB_multipleULD_multipleHTS.xml").Document.Consignments);
        Assert.Equal(["000111", "000222"], c.Goods.Select(g => g.HsCode));
        Assert.Equal([1042.0, (double?)null], c.Goods.Select(g => g.GrossKg));
    }

    [Fact]
    public void Schenker_waybill_reads_its_single_leg_and_skips_the_dimension_only_rating_lines()
    {
        var document = ReadOne("xfwbExample.xml").Document;
        Assert.Equal("LH5050/2021-02-20", document.Movement!.Reference);
        Assert.Equal("LH", document.Movement.Carrier);
        var c = Assert.Single(document.Consignments);
        Assert.Equal(("BRVCP", "DEFRA", "FRPAR"), (c.Route.PortOfLoading, c.Route.PortOfDischarge, c.Route.PlaceOfDelivery));
        Assert.Equal(
            ["SCHENKER DO BRASIL TRANSPORTES INTERNACIONAIS LTDA.", "SCHENKER FRANCE SAS", "SCHENKER DO BRASIL TRANS INTERNACIO"],
            c.Parties.Select(p => p.Name));
        // The shipper's tax id "43.823.079 0012-16" is no EORI; the consignee's "FR26311799456" has the form of one.
        Assert.Equal([null, "FR26311799456", null], c.Parties.Select(p => p.Eori));
        var goods = Assert.Single(c.Goods);
        Assert.Equal((36.9, 4), (goods.GrossKg!.Value, goods.Packages));
        Assert.Equal("CONSOLIDATED CARGO AS PER ATTACHED MANIFEST HAWB: gig-00015806 VOL.WGHT.: 33.5 KG", goods.Description);
    }

    [Fact]
    public void House_waybill_names_its_master_and_carries_the_house_parties_and_items()
    {
        var document = ReadOne("SEL22222222_XFZB.xml").Document;
        Assert.Equal("888-11111111", document.DocumentNumber);
        var c = Assert.Single(document.Consignments);
        Assert.Equal(("KRSEL", "DEFDH"), (c.Route.PortOfLoading, c.Route.PortOfDischarge));
        Assert.Equal(("SPARE PART LTD.", "KR", (string?)null), (c.Parties[0].Name, c.Parties[0].CountryCode, c.Parties[0].Eori));
        Assert.Equal(("REPAIR DIENST GMBH", "DE", "DE3056777000"), (c.Parties[1].Name, c.Parties[1].CountryCode, c.Parties[1].Eori));
        var goods = Assert.Single(c.Goods);
        Assert.Equal(("1133557799", "SPARE PARTS", 5, 133.7), (goods.HsCode, goods.Description, goods.Packages, goods.GrossKg!.Value));
        Assert.Equal(new DateTime(2022, 4, 29, 0, 0, 0, DateTimeKind.Utc), c.BookedAt);
    }

    [Fact]
    public void Two_examples_one_after_another_in_one_file_are_two_messages()
    {
        var both = File.ReadAllBytes(Path.Combine(Root, "xfwbExample.xml")).Concat(Encoding.UTF8.GetBytes("\n")).Concat(File.ReadAllBytes(Path.Combine(Root, "SEL22222222_XFZB.xml"))).ToArray();
        var items = CargoXmlReader.Read(both).ToList();
        Assert.Equal(["XFWB", "XFZB"], items.Select(i => i.Type));
        Assert.All(items, i => Assert.IsType<AirMessage>(i));
    }
}
