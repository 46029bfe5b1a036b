using Portcullis.Tests.Ingest.Csv;

namespace Portcullis.Tests.Parties;

/// <summary>A CSV mapping can give a party its street, city, postcode, phone and e-mail columns; they arrive as sent.</summary>
public sealed class CsvPartyContactsTests
{
    private const string Yaml = """
        declaration_id: id
        date: day
        parties:
          importer:
            name: Importer
            street: Importer street
            city: Importer city
            postcode: Importer postcode
            phone: Importer phone
            email: Importer e-mail
          declarant: Declarant
        """;

    [Fact]
    public void Mapped_contact_columns_arrive_on_the_party_as_sent()
    {
        const string csv = """
            id,day,Importer,Importer street,Importer city,Importer postcode,Importer phone,Importer e-mail,Declarant
            D1,2026-11-02,Frutas del Sol B.V.,Kerkstr. 12,ROTTERDAM,3011 ab,+31 (0)10 1234567,Info@FrutasDelSol.nl,Douanekantoor Rijnmond
            D2,2026-11-02,Noordkaap Import,,,,,,
            """;

        var rows = CsvTestKit.Read(csv, Yaml);

        var first = rows[0].Declaration!.Consignment.Parties;
        var importer = Assert.Single(first, p => p.Role == Portcullis.Domain.Cargo.PartyRole.Consignee);
        Assert.Equal(("Frutas del Sol B.V.", "Kerkstr. 12", "ROTTERDAM", "3011 ab", "+31 (0)10 1234567", "Info@FrutasDelSol.nl"),
            (importer.Name, importer.Street, importer.City, importer.Postcode, importer.Phone, importer.Email));
        var declarant = Assert.Single(first, p => p.Role == Portcullis.Domain.Cargo.PartyRole.Declarant);
        Assert.Null(declarant.Phone);

        var bare = Assert.Single(rows[1].Declaration!.Consignment.Parties);
        Assert.Equal(("Noordkaap Import", null, null), (bare.Name, bare.Street, bare.Phone));
    }

    [Fact]
    public void A_party_section_without_a_name_or_with_an_unknown_key_is_refused_in_one_sentence()
    {
        var noName = CsvTestKit.MappingError("declaration_id: id\ndate: day\nparties:\n  importer:\n    phone: tel\n");
        Assert.Equal("mapping.missing-key", noName.Code);
        Assert.Equal("'parties.importer' needs 'name': the column with the party's name or id.", noName.Message);

        var unknown = CsvTestKit.MappingError("declaration_id: id\ndate: day\nparties:\n  importer:\n    name: imp\n    fax: fax\n");
        Assert.Equal("mapping.unknown-key", unknown.Code);
    }
}
