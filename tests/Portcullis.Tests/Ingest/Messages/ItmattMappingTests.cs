using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Tests.Ingest.MessageMappings;

/// <summary>
/// ITMATT item by item: what a postal item becomes, which quirks are only warnings (the item is
/// stored as given) and which break the message. Item ids use the S10 worked example from the
/// public descriptions of the standard: serial 47312482 has check digit 9 (S = 200, 11 − 2).
/// </summary>
public sealed class ItmattMappingTests
{
    private const string Header = """
        BGM++ITM-20261102-1+9'
        DTM+137:202611022330:203'
        NAD+CA+NLPOST::ZZZ++PostNL International Mail+++++NL'
        """;

    private const string Item = """
        CNI+1+CX473124829NL'
        DTM+137:202611011015:203'
        DTM+200:202611021412:203'
        LOC+5+NLAMS:139:6'
        LOC+7+USNYC:139:6'
        LOC+27+NL'
        NAD+CZ+++Jan de Vries+Dorpsstraat 1+Utrecht++3511AA+NL'
        NAD+CN+++Mary Smith+5th Avenue 10+New York++10001+US'
        MEA+AAE+G+KGM:1.250'
        GID+1+2'
        FTX+AAA+++Cotton T-shirts'
        PIA+5+610910:HS'
        MEA+AAE+N+KGM:0.400'
        MOA+123:25.50:EUR'
        GID+2+1'
        FTX+AAA+++Book'
        PIA+5+490199:HS'
        MEA+AAE+N+KGM:0.600'
        MOA+123:12:EUR'
        LOC+27+GB'
        """;

    private static ManifestDocument Read(string body) => ItmattMapping.Read(Edi.Message("ITMATT", body));

    [Fact]
    public void A_postal_item_becomes_an_export_consignment_with_sender_addressee_and_content_pieces()
    {
        var document = Read(Header + Item);

        Assert.Null(document.Movement);
        Assert.Equal("ITM-20261102-1", document.DocumentNumber);
        Assert.Equal(DocumentFunction.Original, document.Function);
        Assert.Empty(document.Warnings);
        var item = Assert.Single(document.Consignments);
        Assert.Equal("CX473124829NL", item.Reference);
        Assert.Equal(ConsignmentKind.PostalItem, item.Kind);
        Assert.Equal(Direction.Export, item.Direction);
        Assert.Equal(new DateTime(2026, 11, 1, 10, 15, 0, DateTimeKind.Utc), item.BookedAt);
        Assert.Equal(new DateTime(2026, 11, 2, 14, 12, 0, DateTimeKind.Utc), item.ArrivedAt);
        Assert.Null(item.DepartedAt);
        Assert.Equal("NL", item.OriginCountry);
        Assert.Equal(("NLAMS", "USNYC", "USNYC"), (item.Route.PortOfLoading, item.Route.PortOfDischarge, item.Route.PlaceOfDelivery));
        Assert.Equal(1.25, item.DeclaredGrossKg);
        Assert.Equal(
            [
                new PartyRecord(PartyRole.Consignor, "Jan de Vries", "NL", null, null),
                new PartyRecord(PartyRole.Consignee, "Mary Smith", "US", null, null),
                new PartyRecord(PartyRole.Declarant, "PostNL International Mail", "NL", null, null),
            ],
            item.Parties);
        Assert.Equal(
            [
                new GoodsRecord(1, "610910", "Cotton T-shirts", 2, null, null, 0.4, 25.5),
                new GoodsRecord(2, "490199", "Book", 1, null, null, 0.6, 12),
            ],
            item.Goods);
        Assert.Empty(item.Equipment);
    }

    [Fact]
    public void A_message_carries_many_items_each_with_its_own_parties_and_pieces()
    {
        var second = Item.Replace("CNI+1+CX473124829NL", "CNI+2+RR473124829GB", StringComparison.Ordinal)
            .Replace("Jan de Vries", "Piet Bakker", StringComparison.Ordinal);

        var document = Read(Header + Item + second);

        Assert.Equal(["CX473124829NL", "RR473124829GB"], document.Consignments.Select(c => c.Reference));
        Assert.Equal("Piet Bakker", document.Consignments[1].Parties[0].Name);
        Assert.Equal(2, document.Consignments[1].Goods.Count);
    }

    [Theory]
    [InlineData("CX473124828NL", "itmatt.s10-check-digit", "has check digit 8 where S10 gives 9")]
    [InlineData("JX473124829NL", "itmatt.s10-service-indicator", "service indicator JX")]
    [InlineData("PARCEL-000123", "itmatt.not-s10", "is not an S10 identifier")]
    public void An_item_id_that_fails_S10_is_stored_as_given_with_a_warning(string id, string code, string text)
    {
        var document = Read(Header + Item.Replace("CX473124829NL", id, StringComparison.Ordinal));

        Assert.Equal(id, Assert.Single(document.Consignments).Reference);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(code, warning.Code);
        Assert.Contains(text, warning.Message, StringComparison.Ordinal);
        Assert.Equal(2 + 3, warning.Position!.SegmentNumber);
    }

    [Fact]
    public void The_S10_check_digit_follows_the_published_worked_example()
    {
        Assert.Equal(9, S10ItemId.CheckDigit("47312482"));
        Assert.Equal(S10Finding.Valid, S10ItemId.Check("RR473124829GB"));
        // An item id printed in a customs authority's published message guide (NZ TSW, UPU data
        // element D026): its check digit is not the one S10 gives, so it is a warning, not a rejection.
        Assert.Equal(S10Finding.BadCheckDigit, S10ItemId.Check("CP001020301BR"));
        Assert.Equal(7, S10ItemId.CheckDigit("00102030"));
    }

    [Theory]
    [InlineData("00000000", 5)]
    [InlineData("00000001", 4)]
    [InlineData("10000000", 3)]
    [InlineData("00000002", 8)]
    [InlineData("00100000", 7)]
    public void Check_digits_of_ten_and_eleven_become_zero_and_five(string serial, int expected)
    {
        // 00000000: S = 0, 11 - 0 = 11 -> 5. 00000001: S = 7, 11 - 7 = 4. 10000000: S = 8 -> 3.
        // 00000002: S = 14, 14 mod 11 = 3 -> 8. 00100000: S = 4 -> 7.
        Assert.Equal(expected, S10ItemId.CheckDigit(serial));
    }

    [Fact]
    public void A_serial_giving_ten_has_check_digit_zero()
    {
        // 00000101: S = 1*5 + 1*7 = 12, 12 mod 11 = 1, 11 - 1 = 10, which S10 writes as 0.
        Assert.Equal(0, S10ItemId.CheckDigit("00000101"));
    }

    [Fact]
    public void An_item_without_an_id_rejects_the_message_at_its_CNI()
    {
        var ex = Assert.Throws<IngestRejectedException>(() => Read(Header + Item.Replace("CNI+1+CX473124829NL", "CNI+1", StringComparison.Ordinal)));

        Assert.Equal("itmatt.missing-item-id", ex.Issue.Code);
        Assert.Equal("The postal item starting at CNI (segment 5) has no item identifier; put its S10 identifier in CNI's second element.", ex.Issue.Message);
        Assert.Equal(5, ex.Issue.Position!.SegmentNumber);
    }

    [Fact]
    public void A_content_piece_before_any_item_breaks_the_structure()
    {
        var ex = Assert.Throws<IngestRejectedException>(() => Read(Header + "GID+1+2'\n" + Item));

        Assert.Equal("itmatt.piece-outside-item", ex.Issue.Code);
        Assert.Equal(5, ex.Issue.Position!.SegmentNumber);
    }

    [Fact]
    public void A_message_without_BGM_is_rejected()
    {
        var ex = Assert.Throws<IngestRejectedException>(() => Read(Item));

        Assert.Equal("itmatt.missing-bgm", ex.Issue.Code);
    }

    [Fact]
    public void An_unreadable_date_is_left_empty_with_a_warning_and_the_item_is_kept()
    {
        var document = Read(Header + Item.Replace("DTM+200:202611021412:203", "DTM+200:2026-11-02:ZZZ", StringComparison.Ordinal));

        var item = Assert.Single(document.Consignments);
        Assert.Null(item.ArrivedAt);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal("edifact.unreadable-date", warning.Code);
        Assert.Contains("left empty (sent as '2026-11-02' with format 'ZZZ')", warning.Message, StringComparison.Ordinal);
        Assert.Equal(7, warning.Position!.SegmentNumber);
    }

    [Fact]
    public void A_place_that_is_not_a_UN_LOCODE_is_kept_as_free_text()
    {
        var document = Read(Header + Item.Replace("LOC+7+USNYC:139:6", "LOC+7+NEW YORK NY", StringComparison.Ordinal));

        Assert.Equal("NEW YORK NY", Assert.Single(document.Consignments).Route.PlaceOfDelivery);
        Assert.Equal("itmatt.not-a-locode", Assert.Single(document.Warnings).Code);
    }

    [Fact]
    public void A_value_in_another_currency_is_left_out_with_a_warning()
    {
        var document = Read(Header + Item.Replace("MOA+123:25.50:EUR", "MOA+123:30:USD", StringComparison.Ordinal));

        Assert.Null(Assert.Single(document.Consignments).Goods[0].ValueEur);
        Assert.Equal("itmatt.value-not-eur", Assert.Single(document.Warnings).Code);
    }

    [Fact]
    public void A_weight_that_is_not_a_number_is_left_empty_with_a_warning()
    {
        var document = Read(Header + Item.Replace("KGM:1.250", "KGM:heavy", StringComparison.Ordinal));

        Assert.Null(Assert.Single(document.Consignments).DeclaredGrossKg);
        Assert.Equal("edifact.bad-number", Assert.Single(document.Warnings).Code);
    }

    [Theory]
    [InlineData("9", DocumentFunction.Original, 0)]
    [InlineData("22", DocumentFunction.Original, 0)]
    [InlineData("5", DocumentFunction.Replace, 0)]
    [InlineData("1", DocumentFunction.Cancel, 0)]
    [InlineData("ZZ", DocumentFunction.Original, 1)]
    public void The_message_function_says_original_replacement_or_cancellation(string code, DocumentFunction expected, int warnings)
    {
        var document = Read(Header.Replace("ITM-20261102-1+9", "ITM-20261102-1+" + code, StringComparison.Ordinal) + Item);

        Assert.Equal(expected, document.Function);
        Assert.Equal(warnings, document.Warnings.Count);
    }

    [Fact]
    public void Unknown_segments_and_parties_are_warnings_not_rejections()
    {
        var document = Read(Header + Item.Replace("MEA+AAE+G", "XYZ+1'\nNAD+ZZ++++Someone'\nMEA+AAE+G", StringComparison.Ordinal));

        Assert.Single(document.Consignments);
        Assert.Equal(["edifact.unknown-segment", "itmatt.unknown-party"], document.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void A_sender_given_only_by_country_is_left_out_with_a_warning()
    {
        var document = Read(Header + Item.Replace("NAD+CZ+++Jan de Vries+Dorpsstraat 1+Utrecht++3511AA+NL", "NAD+CZ++++++++NL", StringComparison.Ordinal));

        Assert.DoesNotContain(Assert.Single(document.Consignments).Parties, p => p.Role == PartyRole.Consignor);
        Assert.Equal("itmatt.missing-party-name", Assert.Single(document.Warnings).Code);
    }
}
