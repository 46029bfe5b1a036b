using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Portcullis.Parties.Names;
using static Portcullis.Parties.Sanctions.Readers.ListXml;

namespace Portcullis.Parties.Sanctions.Readers;

/// <summary>
/// The OFAC SDN list in its classic XML (<c>sdnList</c>, namespace http://tempuri.org/sdnList.xsd). The Sanctions
/// List Service publishes the same shape under another namespace, which is read alike; its "advanced" and
/// "enhanced" formats have other roots and are refused with a sentence naming them. Version: Publish_Date.
/// </summary>
public sealed class OfacSanctionsReader : ISanctionsListReader
{
    private const string Expected = "an OFAC SDN list (<sdnList>, sdn.xml)";

    public SanctionsSource Source => SanctionsSource.Ofac;

    public SanctionsListResult Read(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = Open(stream);
        try
        {
            if (!MoveToRoot(reader))
            {
                return Empty(Expected);
            }

            if (reader.LocalName != "sdnList")
            {
                return WrongRoot(reader, Expected);
            }

            var warnings = new List<ListIssue>();
            if (reader.NamespaceURI != OfacNamespace)
            {
                warnings.Add(new ListIssue(Line(reader), Column(reader), $"the sdnList namespace is \"{reader.NamespaceURI}\", not {OfacNamespace}; read as the same layout."));
            }

            var entries = new List<SanctionsEntry>();
            string? publishDate = null;
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
                    case "publshInformation":
                        publishDate = Child(ReadElement(reader), "Publish_Date");
                        break;
                    case "sdnEntry":
                        var entry = Entry(ReadElement(reader), line, warnings);
                        if (entry is not null)
                        {
                            entries.Add(entry);
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            // OFAC writes the date as MM/dd/yyyy.
            var published = DateTime.TryParseExact(publishDate, ["MM/dd/yyyy", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new DateTimeOffset(date.Date, TimeSpan.Zero) : (DateTimeOffset?)null;
            var version = published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? publishDate ?? "unknown";
            return new SanctionsListResult(new SanctionsList(SanctionsSource.Ofac, version, published, entries), warnings, null);
        }
        catch (XmlException ex)
        {
            return Broken(ex, reader);
        }
    }

    private static SanctionsEntry? Entry(XElement element, long line, List<ListIssue> warnings)
    {
        var id = Child(element, "uid");
        if (id is null)
        {
            warnings.Add(new ListIssue(line, 0, "an sdnEntry has no uid and was skipped."));
            return null;
        }

        var kind = Child(element, "sdnType") switch
        {
            "Individual" => ListSubjectKind.Person,
            "Entity" => ListSubjectKind.Organisation,
            "Vessel" => ListSubjectKind.Vessel,
            _ => ListSubjectKind.Other,
        };
        var entry = new EntryBuilder(id, kind);
        entry.Name(FullName(element));
        foreach (var aka in Children(element, "akaList").SelectMany(l => Children(l, "aka")))
        {
            entry.Name(FullName(aka));
        }

        foreach (var program in Children(element, "programList").SelectMany(l => Children(l, "program")))
        {
            entry.Programme(program.Value.Trim());
        }

        foreach (var list in (string[])["nationalityList", "citizenshipList"])
        {
            foreach (var item in Children(element, list).SelectMany(l => l.Elements()))
            {
                Country(entry, Child(item, "country"), line, warnings);
            }
        }

        foreach (var address in Children(element, "addressList").SelectMany(l => Children(l, "address")))
        {
            Country(entry, Child(address, "country"), line, warnings);
            entry.Address(string.Join(", ", new[] { "address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country" }.Select(n => Child(address, n)).Where(n => n is not null)));
        }

        foreach (var birth in Children(element, "dateOfBirthList").SelectMany(l => Children(l, "dateOfBirthItem")))
        {
            entry.BirthDate(Child(birth, "dateOfBirth"));
        }

        foreach (var identifier in Children(element, "idList").SelectMany(l => Children(l, "id")))
        {
            var number = Child(identifier, "idNumber");
            if (number is not null)
            {
                var country = Countries.ToIso2(Child(identifier, "idCountry"));
                entry.Identifier(Identifiers.Classify(Child(identifier, "idType"), number, country), number);
            }
        }

        foreach (var vessel in Children(element, "vesselInfo"))
        {
            Country(entry, Child(vessel, "vesselFlag"), line, warnings);
        }

        if (!entry.HasName)
        {
            warnings.Add(new ListIssue(line, 0, $"sdnEntry {id} has no name and was skipped."));
            return null;
        }

        return entry.Build();
    }

    // OFAC keeps the surname (or an entity's whole name) in lastName and given names in firstName.
    private static string FullName(XElement element) =>
        string.Join(' ', new[] { Child(element, "firstName"), Child(element, "lastName") }.Where(n => n is not null));

    private static void Country(EntryBuilder entry, string? name, long line, List<ListIssue> warnings)
    {
        if (!entry.Country(name))
        {
            warnings.Add(new ListIssue(line, 0, $"country \"{name!.Trim()}\" of entry {entry.EntryId} is not in the country table and was left out."));
        }
    }
}
