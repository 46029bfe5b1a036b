using Portcullis.Ingest.Edifact.Messages;
using Portcullis.Tests.Ingest.MessageMappings;

namespace Portcullis.Tests.Parties;

public sealed class PartyContactIngestTests
{
    private const string Header = """
        BGM+85+CR2025-0001+9'
        TDT+20+0MA3RW1MA+1++MAEU:172:20'
        CNI+1+MAEU123456789'
        RFF+BM:MAEU123456789'
        LOC+9+ECGYE:139:6'
        LOC+11+NLRTM:139:6'
        """;

    [Fact]
    public void NAD_street_city_postcode_and_the_CTA_COM_phone_and_e_mail_reach_the_party_record()
    {
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", Header + """
            NAD+CN+NL123456789:EORI:ZZZ++Fruithandel Zuid B.V.+Waalhaven Zuidzijde 12:Unit 4+Rotterdam++3089 JH+NL'
            CTA+IC+:J. JANSEN'
            COM+0031 10 123 4567:TE'
            COM+info@fruithandelzuid.nl:EM'
            NAD+CZ+++EXPORTADORA DEL PACIFICO+++++EC'
            GID+1+10:CT'
            """));

        Assert.Empty(document.Warnings);
        var parties = document.Consignments[0].Parties;
        var consignee = parties[0];
        Assert.Equal(("Waalhaven Zuidzijde 12 Unit 4", "Rotterdam", "3089 JH"), (consignee.Street, consignee.City, consignee.Postcode));
        Assert.Equal(("0031 10 123 4567", "info@fruithandelzuid.nl"), (consignee.Phone, consignee.Email));

        // The consignor's group has no contact: nothing of the consignee's leaks into it.
        Assert.Equal((null, null, null), (parties[1].Street, parties[1].Phone, parties[1].Email));
    }

    [Fact]
    public void An_unreadable_phone_or_e_mail_is_kept_as_sent_with_a_warning_at_its_COM()
    {
        var document = CuscarMapping.Read(Edi.Message("CUSCAR", Header + """
            NAD+CN+++Fruithandel Zuid B.V.+++++NL'
            CTA+IC'
            COM+ask the office:TE'
            COM+info at fruithandel.nl:EM'
            GID+1+10:CT'
            """));

        var party = Assert.Single(document.Consignments[0].Parties);
        Assert.Equal(("ask the office", "info at fruithandel.nl"), (party.Phone, party.Email));
        Assert.Equal(["cuscar.unreadable-phone", "cuscar.unreadable-email"], document.Warnings.Select(w => w.Code));
        Assert.Equal([10, 11], document.Warnings.Select(w => w.Position?.SegmentNumber ?? 0));
    }
}
