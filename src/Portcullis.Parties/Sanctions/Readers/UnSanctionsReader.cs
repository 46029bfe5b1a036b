using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Portcullis.Parties.Names;
using static Portcullis.Parties.Sanctions.Readers.ListXml;

namespace Portcullis.Parties.Sanctions.Readers;

/// <summary>
/// The UN Security Council consolidated list (<c>CONSOLIDATED_LIST</c>, no namespace): <c>INDIVIDUALS/INDIVIDUAL</c>
/// and <c>ENTITIES/ENTITY</c> keyed by DATAID. Version: the root's dateGenerated.
/// </summary>
public sealed class UnSanctionsReader : ISanctionsListReader
{
    private const string Expected = "a UN Security Council consolidated list (<CONSOLIDATED_LIST>)";

    public SanctionsSource Source => SanctionsSource.Un;

    public SanctionsListResult Read(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = Open(stream);
        try
        {
            if (!MoveToRoot(reader))
            {
                return Empty(Expected);
            }

            if (reader.LocalName != "CONSOLIDATED_LIST")
            {
                return WrongRoot(reader, Expected);
            }

            var generated = reader.GetAttribute("dateGenerated");
            var entries = new List<SanctionsEntry>();
            var warnings = new List<ListIssue>();
            reader.Read();
            while (!reader.EOF)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var line = Line(reader);
                switch (reader.LocalName)
                {
                    case "INDIVIDUALS" or "ENTITIES":
                        reader.Read();
                        break;
                    case "INDIVIDUAL":
                        Add(Entry(ReadElement(reader), ListSubjectKind.Person, line, warnings), entries);
                        break;
                    case "ENTITY":
                        Add(Entry(ReadElement(reader), ListSubjectKind.Organisation, line, warnings), entries);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            var published = DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            var version = published?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? generated ?? "unknown";
            return new SanctionsListResult(new SanctionsList(SanctionsSource.Un, version, published, entries), warnings, null);
        }
        catch (XmlException ex)
        {
            return Broken(ex, reader);
        }
    }

    private static void Add(SanctionsEntry? entry, List<SanctionsEntry> entries)
    {
        if (entry is not null)
        {
            entries.Add(entry);
        }
    }

    private static SanctionsEntry? Entry(XElement element, ListSubjectKind kind, long line, List<ListIssue> warnings)
    {
        var id = Child(element, "DATAID");
        if (id is null)
        {
            warnings.Add(new ListIssue(line, 0, $"an {element.Name.LocalName} has no DATAID and was skipped."));
            return null;
        }

        var entry = new EntryBuilder(id, kind);
        entry.Name(string.Join(' ', new[] { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" }.Select(n => Child(element, n)).Where(n => n is not null)));
        entry.Name(Child(element, "NAME_ORIGINAL_SCRIPT"));
        foreach (var alias in Children(element, kind == ListSubjectKind.Person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS"))
        {
            entry.Name(Child(alias, "ALIAS_NAME"));
        }

        entry.Programme(Child(element, "UN_LIST_TYPE"));
        foreach (var nationality in Children(element, "NATIONALITY"))
        {
            foreach (var value in Children(nationality, "VALUE"))
            {
                Country(entry, value.Value, line, warnings);
            }
        }

        foreach (var address in Children(element, kind == ListSubjectKind.Person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS"))
        {
            Country(entry, Child(address, "COUNTRY"), line, warnings);
            entry.Address(string.Join(", ", new[] { "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY" }.Select(n => Child(address, n)).Where(n => n is not null)));
        }

        foreach (var birth in Children(element, "INDIVIDUAL_DATE_OF_BIRTH"))
        {
            entry.BirthDate(Child(birth, "DATE") ?? Child(birth, "YEAR") ?? Child(birth, "FROM_YEAR"));
        }

        foreach (var document in Children(element, "INDIVIDUAL_DOCUMENT"))
        {
            var number = Child(document, "NUMBER");
            if (number is not null)
            {
                var country = Countries.ToIso2(Child(document, "ISSUING_COUNTRY") ?? Child(document, "COUNTRY_OF_ISSUE"));
                entry.Identifier(Identifiers.Classify(Child(document, "TYPE_OF_DOCUMENT"), number, country), number);
            }
        }

        if (!entry.HasName)
        {
            warnings.Add(new ListIssue(line, 0, $"{element.Name.LocalName} {id} has no name and was skipped."));
            return null;
        }

        return entry.Build();
    }

    private static void Country(EntryBuilder entry, string? name, long line, List<ListIssue> warnings)
    {
        if (!entry.Country(name))
        {
            warnings.Add(new ListIssue(line, 0, $"country \"{name!.Trim()}\" of entry {entry.EntryId} is not in the country table and was left out."));
        }
    }
}
