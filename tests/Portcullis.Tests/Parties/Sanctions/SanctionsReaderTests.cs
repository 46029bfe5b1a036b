using System.Text;
using Portcullis.Parties.Sanctions;
using Portcullis.Parties.Sanctions.Readers;

namespace Portcullis.Tests.Parties.Sanctions;

/// <summary>
/// The four list readers on the sample files (Samples/ATTRIBUTION.md says which are real excerpts and which are
/// hand-made in the published schemas) and on broken input: one sentence with a position, never half a list.
/// </summary>
public sealed class SanctionsReaderTests
{
    private static SanctionsListResult ReadSample(SanctionsSource source, string file)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Parties", "Sanctions", "Samples", file));
        return SanctionsReaders.For(source).Read(stream, CancellationToken.None);
    }

    private static SanctionsListResult ReadText(SanctionsSource source, string text) =>
        SanctionsReaders.For(source).Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None);

    [Fact]
    public void Eu_file_gives_persons_and_enterprises_with_identifiers_and_the_generation_date()
    {
        var result = ReadSample(SanctionsSource.Eu, "eu-fsf-handmade.xml");

        Assert.Null(result.Error);
        var list = result.List!;
        Assert.Equal("2026-11-30T17:05:12+01:00", list.Version);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 5, 12, 417, TimeSpan.FromHours(1)), list.PublishedAt);
        Assert.Equal(["160001", "160002"], list.Entries.Select(e => e.EntryId));
        var person = list.Entries[0];
        Assert.Equal(ListSubjectKind.Person, person.Kind);
        Assert.Equal("Ivan Petrovich Sidorov", person.Name);
        Assert.Equal(["Иван Петрович Сидоров"], person.Aliases);
        Assert.Equal(["RU"], person.Countries);
        Assert.Equal(["1961-07-04"], person.BirthDates);
        Assert.Equal([new ListIdentifier("PASSPORT", "721234567")], person.Identifiers);
        Assert.Equal("UKR", person.Programme);
        var company = list.Entries[1];
        Assert.Equal(ListSubjectKind.Organisation, company.Kind);
        Assert.Equal([new ListIdentifier("INN", "7701234567"), new ListIdentifier("OGRN", "1027700132195")], company.Identifiers);
        Assert.Equal(["Ulitsa Lenina 1, 125009, Moscow, RUSSIAN FEDERATION"], company.Addresses);
        // The third entity has an empty name: skipped with a warning that names it, the rest kept.
        Assert.Contains(result.Warnings, w => w.Message.Contains("160003", StringComparison.Ordinal) && w.Line == 27);
    }

    [Fact]
    public void Un_excerpt_of_the_real_list_reads_individuals_entities_original_script_and_documents()
    {
        var result = ReadSample(SanctionsSource.Un, "un-consolidated-excerpt.xml");

        Assert.Null(result.Error);
        var list = result.List!;
        Assert.Equal("2026-02-27T00:00:09.554Z", list.Version);
        Assert.Equal(9, list.Entries.Count);
        Assert.Equal(6, list.Entries.Count(e => e.Kind == ListSubjectKind.Person));
        var umarov = list.Entries.Single(e => e.EntryId == "2960872");
        Assert.Equal("DOKU KHAMATOVICH UMAROV", umarov.Name);
        Assert.Equal(["Умаров Доку Хаматович", "Lom-ali Butayev (Butaev)", "Dokka Umarov"], umarov.Aliases);
        Assert.Equal(["RU"], umarov.Countries);
        Assert.Equal(["1964-04-13", "1965-04-13", "1964-05-12", "1955"], umarov.BirthDates);
        Assert.Equal([new ListIdentifier("PASSPORT", "9603464086")], umarov.Identifiers);
        Assert.Equal("Al-Qaida", umarov.Programme);
        // "former Soviet Union" is no ISO country: a warning at the entry's line, the entry kept.
        Assert.Contains(result.Warnings, w => w.Message.Contains("former Soviet Union", StringComparison.Ordinal) && w.Line == 256);
        var adf = list.Entries.Single(e => e.EntryId == "6908402");
        Assert.Equal(ListSubjectKind.Organisation, adf.Kind);
        Assert.Equal("ADF", adf.Name);
        Assert.Contains("Allied Democratic Forces", adf.Aliases);
        Assert.Equal(["CD"], adf.Countries);
    }

    [Fact]
    public void Ofac_sdn_xml_joins_first_and_last_names_and_classifies_russian_tax_and_registration_numbers()
    {
        var result = ReadSample(SanctionsSource.Ofac, "ofac-sdn-handmade.xml");

        Assert.Null(result.Error);
        Assert.Empty(result.Warnings);
        var list = result.List!;
        Assert.Equal("2026-11-28", list.Version);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), list.PublishedAt);
        var person = list.Entries[0];
        Assert.Equal("Aleksandr Viktorovich KOZLOV", person.Name);
        Assert.Equal(["Alexander KOZLOV"], person.Aliases);
        Assert.Equal(["RU"], person.Countries);
        Assert.Equal(["12 Mar 1968"], person.BirthDates);
        Assert.Equal([new ListIdentifier("PASSPORT", "753123456"), new ListIdentifier("OTHER", "MALE")], person.Identifiers);
        var company = list.Entries[1];
        Assert.Equal([new ListIdentifier("INN", "7812345678"), new ListIdentifier("OGRN", "1157746123456")], company.Identifiers);
        var vessel = list.Entries[2];
        Assert.Equal(ListSubjectKind.Vessel, vessel.Kind);
        Assert.Equal([new ListIdentifier("IMO", "9187629")], vessel.Identifiers);
        Assert.Equal(["PA"], vessel.Countries);
    }

    [Fact]
    public void Ftm_lines_keep_targets_skip_other_schemas_and_version_by_content()
    {
        var result = ReadSample(SanctionsSource.Ftm, "ftm-handmade.jsonl");

        Assert.Null(result.Error);
        var list = result.List!;
        Assert.StartsWith("sha256:", list.Version, StringComparison.Ordinal);
        Assert.Null(list.PublishedAt);
        Assert.Equal(["NK-aaa111", "NK-bbb222", "NK-ccc333", "NK-ddd444"], list.Entries.Select(e => e.EntryId));
        var company = list.Entries[0];
        Assert.Equal("Romashka Trade LLC", company.Name);
        Assert.Equal(["ООО Ромашка Трейд"], company.Aliases);
        Assert.Equal([new ListIdentifier("INN", "7701234567"), new ListIdentifier("OGRN", "1027700132195")], company.Identifiers);
        Assert.Equal(["RU"], company.Countries);
        Assert.Equal([new ListIdentifier("IMO", "9187629")], list.Entries[2].Identifiers);
        Assert.Equal(ListSubjectKind.Vessel, list.Entries[2].Kind);
        Assert.Equal([new ListIdentifier("LEI", "5493001KJTIIGC8Y1R12"), new ListIdentifier("VAT", "A12345678")], list.Entries[3].Identifiers.OrderBy(i => i.Kind, StringComparer.Ordinal));
        Assert.Contains(result.Warnings, w => w.Message.Contains("Address 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Ftm_version_changes_when_the_content_changes()
    {
        var one = ReadText(SanctionsSource.Ftm, """{"id":"a","schema":"Person","properties":{"name":["Ivan Ivanov"]}}""");
        var two = ReadText(SanctionsSource.Ftm, """{"id":"a","schema":"Person","properties":{"name":["Ivan Ivanova"]}}""");

        Assert.NotEqual(one.List!.Version, two.List!.Version);
    }

    [Theory]
    [InlineData(SanctionsSource.Eu, "un-consolidated-excerpt.xml", "The file is a UN Security Council consolidated list (--source un), but an EU financial sanctions file")]
    [InlineData(SanctionsSource.Un, "eu-fsf-handmade.xml", "The file is an EU financial sanctions file (--source eu), but a UN Security Council consolidated list")]
    [InlineData(SanctionsSource.Ofac, "un-consolidated-excerpt.xml", "The file is a UN Security Council consolidated list (--source un), but an OFAC SDN list")]
    [InlineData(SanctionsSource.Un, "ofac-sdn-handmade.xml", "The file is an OFAC SDN list (--source ofac), but a UN")]
    [InlineData(SanctionsSource.Ftm, "eu-fsf-handmade.xml", "The file holds XML, but FollowTheMoney JSON lines")]
    public void A_list_in_the_wrong_schema_is_refused_with_one_sentence_naming_both(SanctionsSource source, string file, string start)
    {
        var result = ReadSample(source, file);

        Assert.Null(result.List);
        Assert.StartsWith(start, result.Error!.Message, StringComparison.Ordinal);
        Assert.EndsWith("choose the matching --source.", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ofac_advanced_format_is_refused_by_name()
    {
        var result = ReadText(SanctionsSource.Ofac, """<?xml version="1.0"?><Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"><DateOfIssue/></Sanctions>""");

        Assert.Null(result.List);
        Assert.Contains("OFAC advanced (SLS) sanctions file, which Portcullis does not read (use sdn.xml)", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SanctionsSource.Eu, "eu-fsf-handmade.xml")]
    [InlineData(SanctionsSource.Un, "un-consolidated-excerpt.xml")]
    [InlineData(SanctionsSource.Ofac, "ofac-sdn-handmade.xml")]
    public void A_truncated_xml_file_fails_with_its_last_line_and_no_list(SanctionsSource source, string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Parties", "Sanctions", "Samples", file));
        var cut = text[..(text.Length * 2 / 3)];
        var lastLine = cut.Count(c => c == '\n') + 1;

        var result = ReadText(source, cut);

        Assert.Null(result.List);
        Assert.Equal(lastLine, result.Error!.Line);
        Assert.Contains("cut off or malformed", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_ftm_file_fails_with_the_line_of_the_cut_entity()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Parties", "Sanctions", "Samples", "ftm-handmade.jsonl"));
        var cut = text[..text.LastIndexOf("\"country\"", StringComparison.Ordinal)];

        var result = ReadText(SanctionsSource.Ftm, cut);

        Assert.Null(result.List);
        Assert.Equal(5, result.Error!.Line);
        Assert.Contains("is cut off (the file seems truncated)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_is_not_ftm_is_refused()
    {
        var result = ReadText(SanctionsSource.Ftm, "{\"type\":\"FeatureCollection\",\"features\":[]}\n");

        Assert.Equal("The first object has no \"id\" and \"schema\" strings, so this is not a FollowTheMoney entity file; choose the matching --source.", result.Error!.Message);
    }

    [Fact]
    public void A_dtd_is_refused_so_no_entity_expansion_or_external_entity_can_run()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE export [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01"><sanctionEntity logicalId="1"><nameAlias wholeName="&x;"/></sanctionEntity></export>
            """;

        var result = ReadText(SanctionsSource.Eu, xml);

        Assert.Null(result.List);
        Assert.StartsWith("The file declares a DTD", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SanctionsSource.Eu)]
    [InlineData(SanctionsSource.Un)]
    [InlineData(SanctionsSource.Ofac)]
    [InlineData(SanctionsSource.Ftm)]
    public void An_empty_file_is_refused(SanctionsSource source)
    {
        var result = ReadText(source, "");

        Assert.Null(result.List);
        Assert.NotNull(result.Error);
    }
}
