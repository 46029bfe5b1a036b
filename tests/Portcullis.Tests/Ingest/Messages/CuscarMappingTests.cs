using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Tests.Ingest.MessageMappings;

public sealed class CuscarMappingTests
{
    private static readonly string Box = ContainerNumber.Create("MSKU", 'U', 123456).Value;

    private static string Header(string function = "9") => $"""
        BGM+85+CR2025-0001+{function}'
        DTM+137:202503030800:203'
        TDT+20+0MA3RW1MA+1++MAEU:172:20+++9778791:146:11:MAERSK GUAYAQUIL'
        LOC+92+ECGYE:139:6'
        DTM+132:202502201000:203'
        DTM+133:202502211000:203'
        DTM+186:202502211230:203'
        LOC+92+NLRTM:139:6'
        DTM+178:202503030600:203'
        """;

    private static readonly string FullConsignment = $"""
        CNI+1+MAEU123456789'
        RFF+BM:MAEU123456789'
        DTM+171:20250212:102'
        RFF+BN:BK998877'
        DTM+171:20250210:102'
        DTM+186:202502211230:203'
        DTM+178:202503030600:203'
        LOC+88+ECUIO:139:6'
        LOC+9+ECGYE:139:6'
        LOC+13+PAMIT:139:6'
        LOC+13+ESALG:139:6'
        LOC+11+NLRTM:139:6'
        LOC+7+NLVEN:139:6'
        LOC+27+EC'
        NAD+CZ+++EXPORTADORA DEL PACIFICO+++++EC'
        NAD+CN+NL123456789:EORI:ZZZ++Fruithandel Zuid B.V.+++++NL'
        RFF+AEO:AEOF'
        NAD+N1+NL123456789:EORI:ZZZ++Fruithandel Zuid B.V.+++++NL'
        NAD+FW+NL987654321:EORI:ZZZ++Van Dijk Expeditie+++++NL'
        NAD+DT+NL555555555:EORI:ZZZ++Douane Services+++++NL'
        GID+1+1080:CT'
        FTX+AAA+++FRESH BANANAS:CAVENDISH'
        MEA+AAE+G+KGM:19872.5'
        MEA+AAE+N+TNE:18.4'
        MOA+40:15234.50:EUR'
        PIA+5+080390:HS'
        PCI+24+NO MARKS'
        EQD+CN+{Box}+45R1:102:5'
        SEL+EC123456+CA'
        SEL+SH998877+SH'
        TMP+2+13.3:CEL'
        """;

    [Fact]
    public void Every_segment_of_a_full_consignment_maps_to_its_field()
    {
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", Header() + FullConsignment));

        Assert.Equal("M1", document.MessageReference);
        Assert.Equal("CR2025-0001", document.DocumentNumber);
        Assert.Equal(DocumentFunction.Original, document.Function);
        Assert.Empty(document.Warnings);

        var movement = Assert.IsType<MovementRecord>(document.Movement);
        Assert.Equal(TransportMode.Sea, movement.Mode);
        Assert.Equal("MAEU", movement.Carrier);
        Assert.Equal("0MA3RW1MA", movement.Reference);
        Assert.Equal("MAERSK GUAYAQUIL", movement.MeansName);
        Assert.Equal("9778791", movement.MeansId);
        Assert.Equal(
            [
                new CallRecord("ECGYE", Utc(2025, 2, 20, 10, 0), Utc(2025, 2, 21, 12, 30)),
                new CallRecord("NLRTM", Utc(2025, 3, 3, 6, 0), null),
            ],
            movement.Calls);

        var c = Assert.Single(document.Consignments);
        Assert.Equal("MAEU123456789", c.Reference);
        Assert.Equal(ConsignmentKind.SeaContainer, c.Kind);
        Assert.Equal(Direction.Import, c.Direction);
        Assert.Null(c.HubCode);
        Assert.Equal(Utc(2025, 2, 10, 0, 0), c.BookedAt);
        Assert.Equal(Utc(2025, 2, 21, 12, 30), c.DepartedAt);
        Assert.Equal(Utc(2025, 3, 3, 6, 0), c.ArrivedAt);
        Assert.Equal("EC", c.OriginCountry);
        Assert.Equal("ECUIO", c.Route.PlaceOfReceipt);
        Assert.Equal("ECGYE", c.Route.PortOfLoading);
        Assert.Equal(["PAMIT", "ESALG"], c.Route.TransshipmentPorts);
        Assert.Equal("NLRTM", c.Route.PortOfDischarge);
        Assert.Equal("NLVEN", c.Route.PlaceOfDelivery);
        Assert.Equal(
            [
                new PartyRecord(PartyRole.Consignor, "EXPORTADORA DEL PACIFICO", "EC", null, null),
                new PartyRecord(PartyRole.Consignee, "Fruithandel Zuid B.V.", "NL", "NL123456789", AeoStatus.AeoF),
                new PartyRecord(PartyRole.Notify, "Fruithandel Zuid B.V.", "NL", "NL123456789", null),
                new PartyRecord(PartyRole.Forwarder, "Van Dijk Expeditie", "NL", "NL987654321", null),
                new PartyRecord(PartyRole.Declarant, "Douane Services", "NL", "NL555555555", null),
            ],
            c.Parties);
        Assert.Equal([new GoodsRecord(1, "080390", "FRESH BANANAS CAVENDISH", 1080, "CT", 19872.5, 18400, 15234.50)], c.Goods);
        var box = Assert.Single(c.Equipment);
        Assert.Equal(Box, box.ContainerNumber);
        Assert.Equal("45R1", box.SizeType);
        Assert.True(box.Reefer);
        Assert.Equal(["EC123456", "SH998877"], box.Seals);
        Assert.Equal(13.3, box.ReeferSetpointC);
    }

    [Theory]
    [InlineData("9", DocumentFunction.Original)]
    [InlineData("5", DocumentFunction.Replace)]
    [InlineData("1", DocumentFunction.Cancel)]
    public void BGM_message_function_gives_the_document_function(string code, DocumentFunction expected) =>
        Assert.Equal(expected, CuscarMapping.Read(Edi.Message("CUSCAR", Header(code) + FullConsignment)).Function);

    [Theory]
    [InlineData("22", DocumentFunction.Original, "final transmission")]
    [InlineData("43", DocumentFunction.Original, "additional transmission")]
    [InlineData("4", DocumentFunction.Replace, "change")]
    [InlineData("3", DocumentFunction.Cancel, "deletion")]
    [InlineData("99", DocumentFunction.Original, "not in UNCL 1225")]
    public void Other_message_functions_are_read_by_their_meaning_with_a_warning_at_BGM(string code, DocumentFunction expected, string named)
    {
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", Header(code) + FullConsignment));

        Assert.Equal(expected, document.Function);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("cuscar.unusual-function", 2), (warning.Code, warning.Position?.SegmentNumber));
        Assert.Contains($"{code} ({named})", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_equipment_a_consignment_is_bulk_and_takes_its_origin_from_the_goods()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            LOC+9+CIABJ:139:6'
            LOC+11+NLAMS:139:6'
            GID+1+1:VR'
            PAC+2++VQ'
            FTX+AAA+++COCOA BEANS'
            LOC+27+CI'
            MEA+WT+G+TNE:5000'
            """;
        var c = Assert.Single(CuscarMapping.Read(Edi.Message("CUSCAR", body)).Consignments);
        Assert.Equal(ConsignmentKind.SeaBulk, c.Kind);
        Assert.Equal("CI", c.OriginCountry);
        Assert.Equal(new GoodsRecord(1, null, "COCOA BEANS", 2, "VQ", 5_000_000, null, null), Assert.Single(c.Goods));
        Assert.Empty(c.Equipment);
    }

    [Fact]
    public void Without_consignment_times_the_vessel_calls_at_the_route_ports_give_departure_and_arrival()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            LOC+9+ECGYE:139:6'
            LOC+11+NLRTM:139:6'
            """;
        var c = Assert.Single(CuscarMapping.Read(Edi.Message("CUSCAR", body)).Consignments);
        Assert.Equal(Utc(2025, 2, 21, 12, 30), c.DepartedAt);
        Assert.Equal(Utc(2025, 3, 3, 6, 0), c.ArrivedAt);
        Assert.Null(c.BookedAt);
    }

    [Theory]
    [InlineData("5", "9", "ECGYE")]
    [InlineData("8", "7", "NLVEN")]
    public void Secondary_location_qualifiers_fill_the_route_when_the_primary_is_absent(string qualifier, string primary, string locode)
    {
        var body = Header() + $"""
            CNI+1+BL1'
            RFF+BM:BL1'
            LOC+{qualifier}+{locode}:139:6'
            """;
        var route = Assert.Single(CuscarMapping.Read(Edi.Message("CUSCAR", body)).Consignments).Route;
        Assert.Equal(locode, primary == "9" ? route.PortOfLoading : route.PlaceOfDelivery);
    }

    [Fact]
    public void Equipment_listed_for_the_whole_message_joins_the_consignments_whose_goods_name_it_in_SGP()
    {
        var other = ContainerNumber.Create("TGHU", 'U', 765432).Value;
        var body = Header() + $"""
            EQD+CN+{Box}+45R1:102:5'
            SEL+EC1+CA'
            TMP+2+-1:CEL'
            EQD+CN+{other}+22G1:102:5'
            CNI+1+BL1'
            RFF+BM:BL1'
            GID+1+10:CT'
            SGP+{Box}+10'
            CNI+2+BL2'
            RFF+BM:BL2'
            GID+1+5:CT'
            SGP+{other}+5'
            CST++090111:122:95'
            """;
        var consignments = CuscarMapping.Read(Edi.Message("CUSCAR", body)).Consignments;
        var first = Assert.Single(consignments[0].Equipment);
        Assert.Equal((Box, "45R1", true, -1.0), (first.ContainerNumber, first.SizeType, first.Reefer, first.ReeferSetpointC));
        Assert.Equal(["EC1"], first.Seals);
        Assert.Equal(other, Assert.Single(consignments[1].Equipment).ContainerNumber);
        Assert.Equal(ConsignmentKind.SeaContainer, consignments[1].Kind);
        Assert.Equal("090111", Assert.Single(consignments[1].Goods).HsCode);
    }

    [Fact]
    public void The_CNI_document_number_serves_as_bill_of_lading_without_RFF_BM()
    {
        var c = Assert.Single(CuscarMapping.Read(Edi.Message("CUSCAR", Header() + "CNI+1+HLCU987654321'")).Consignments);
        Assert.Equal("HLCU987654321", c.Reference);
        Assert.Equal(ConsignmentKind.SeaBulk, c.Kind);
    }

    [Fact]
    public void A_reefer_set_point_in_Fahrenheit_is_converted_to_Celsius()
    {
        var body = Header() + $"""
            CNI+1+BL1'
            RFF+BM:BL1'
            EQD+CN+{Box}+22G1:102:5'
            TMP+2+-4:FAH'
            """;
        var box = Assert.Single(Assert.Single(CuscarMapping.Read(Edi.Message("CUSCAR", body)).Consignments).Equipment);
        Assert.Equal(-20.0, box.ReeferSetpointC);
        Assert.False(box.Reefer);
    }

    [Fact]
    public void A_value_in_another_currency_is_left_out_with_a_warning()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            GID+1+10:CT'
            MOA+40:1000:USD'
            """;
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", body));
        Assert.Null(Assert.Single(Assert.Single(document.Consignments).Goods).ValueEur);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal("cuscar.value-not-eur", warning.Code);
        Assert.Equal(14, warning.Position?.SegmentNumber);
    }

    [Fact]
    public void A_decimal_comma_without_UNA_is_read_with_a_warning()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            GID+1+10:CT'
            MEA+AAE+G+KGM:1234,5'
            """;
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", body));
        Assert.Equal(1234.5, Assert.Single(Assert.Single(document.Consignments).Goods).GrossKg);
        Assert.Equal("edifact.decimal-comma", Assert.Single(document.Warnings).Code);
    }

    [Fact]
    public void A_decimal_comma_announced_in_UNA_needs_no_warning()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            GID+1+10:CT'
            MEA+AAE+G+KGM:1234,5'
            """;
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", body, delimiters: Delimiters.Default with { Decimal = ',' }));
        Assert.Equal(1234.5, Assert.Single(Assert.Single(document.Consignments).Goods).GrossKg);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void An_unknown_segment_is_accepted_with_a_warning_naming_tag_and_segment_number()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            XYZ+1'
            """;
        var warning = Assert.Single(CuscarMapping.Read(Edi.Message("CUSCAR", body)).Warnings);
        Assert.Equal("edifact.unknown-segment", warning.Code);
        Assert.Equal(13, warning.Position?.SegmentNumber);
        Assert.Contains("XYZ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("segment 13", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_lines_cut_at_35_characters_are_joined_without_a_space()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            NAD+CN+++INTERNATIONALE HANDELSMAATSCHAPPIJ:VOOR TROPISCHE VRUCHTEN:B.V.+++++NL'
            NAD+CZ+++COMPANIA EXPORTADORA DE FRUTAS TROP:ICALES+++++CO'
            """;
        var parties = Assert.Single(CuscarMapping.Read(Edi.Message("CUSCAR", body)).Consignments).Parties;
        Assert.Equal("INTERNATIONALE HANDELSMAATSCHAPPIJ VOOR TROPISCHE VRUCHTEN B.V.", parties[0].Name);
        Assert.Equal("COMPANIA EXPORTADORA DE FRUTAS TROPICALES", parties[1].Name);
    }

    [Fact]
    public void A_message_without_BGM_is_rejected_at_the_message_start()
    {
        var issue = Edi.Rejection(() => CuscarMapping.Read(Edi.Message("CUSCAR", Header()[Header().IndexOf("DTM", StringComparison.Ordinal)..] + FullConsignment)));
        Assert.Equal("cuscar.missing-bgm", issue.Code);
        Assert.Equal(1, issue.Position?.SegmentNumber);
        Assert.Equal("M1", issue.Position?.MessageReference);
    }

    [Fact]
    public void A_message_without_TDT_is_rejected()
    {
        var issue = Edi.Rejection(() => CuscarMapping.Read(Edi.Message("CUSCAR", "BGM+85+CR1+9'" + FullConsignment)));
        Assert.Equal("cuscar.missing-tdt", issue.Code);
        Assert.Contains("TDT", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consignment_without_bill_of_lading_is_rejected_at_its_CNI()
    {
        var body = Header() + """
            CNI+1+BL1'
            RFF+BM:BL1'
            CNI+2'
            RFF+BN:BK1'
            """;
        var issue = Edi.Rejection(() => CuscarMapping.Read(Edi.Message("CUSCAR", body)));
        Assert.Equal("cuscar.missing-bill-of-lading", issue.Code);
        Assert.Equal(13, issue.Position?.SegmentNumber);
        Assert.Contains("RFF+BM", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_number_with_a_wrong_check_digit_is_kept_as_sent_with_a_warning_at_its_EQD()
    {
        var wrong = Box[..10] + (char)('0' + ((Box[10] - '0' + 1) % 10));
        var body = Header() + $"""
            CNI+1+BL1'
            RFF+BM:BL1'
            EQD+CN+{wrong}+45R1:102:5'
            """;
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", body));

        Assert.Equal(wrong, Assert.Single(Assert.Single(document.Consignments).Equipment).ContainerNumber);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("edifact.unverified-container-number", 13), (warning.Code, warning.Position?.SegmentNumber));
        Assert.Contains("check digit", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NLRTMX")]
    [InlineData("NLRT")]
    public void A_port_that_is_not_a_five_character_UN_LOCODE_is_left_empty_and_quoted_in_a_warning_at_its_LOC(string locode)
    {
        var body = Header() + $"""
            CNI+1+BL1'
            RFF+BM:BL1'
            LOC+11+{locode}:139:6'
            """;
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", body));

        Assert.Null(Assert.Single(document.Consignments).Route.PortOfDischarge);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("edifact.not-a-locode", 13), (warning.Code, warning.Position?.SegmentNumber));
        Assert.Contains($"'{locode}'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_actual_departure_keeps_the_estimated_one_and_quotes_the_value()
    {
        var body = Header().Replace("DTM+186:202502211230:203", "DTM+186:2502211230:203", StringComparison.Ordinal);
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", body + FullConsignment));

        Assert.Equal(Utc(2025, 2, 21, 10, 0), document.Movement!.Calls[0].Departure);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("edifact.unreadable-date", 8), (warning.Code, warning.Position?.SegmentNumber));
        Assert.Contains("'2502211230'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_at_a_place_that_is_not_a_UN_LOCODE_keeps_it_as_free_text()
    {
        var body = Header().Replace("LOC+92+NLRTM", "LOC+92+VSL", StringComparison.Ordinal);
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", body + FullConsignment));

        Assert.Contains(document.Movement!.Calls, c => c is { UnLocode: "", PlaceName: "VSL" });
        Assert.Contains(document.Warnings, w => w.Code == "edifact.not-a-locode");
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
