using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Portcullis.Parties.Names;
using static Portcullis.Parties.Sanctions.Readers.ListXml;

namespace Portcullis.Parties.Sanctions.Readers;

/// <summary>
/// The EU consolidated financial sanctions file (FSF "export" schema, namespace http://eu.europa.ec/fpi/fsd/export):
/// one <c>sanctionEntity</c> per subject with <c>nameAlias</c>, <c>identification</c>, <c>address</c>,
/// <c>birthdate</c>, <c>citizenship</c> and <c>regulation</c>. Version: the root's generationDate.
/// </summary>
public sealed class EuSanctionsReader : ISanctionsListReader
{
    private const string Expected = "an EU financial sanctions file (<export> in namespace " + EuNamespace + ")";

    public SanctionsSource Source => SanctionsSource.Eu;

    public SanctionsListResult Read(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = Open(stream);
        try
        {
            if (!MoveToRoot(reader))
            {
                return Empty(Expected);
            }

            if (reader.LocalName != "export" || reader.NamespaceURI != EuNamespace)
            {
                return WrongRoot(reader, Expected);
            }

            var generated = reader.GetAttribute("generationDate");
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
                if (reader.LocalName != "sanctionEntity")
                {
                    reader.Skip();
                    continue;
                }

                var entry = Entry(ReadElement(reader), line, warnings);
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }

            var published = DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            return new SanctionsListResult(new SanctionsList(SanctionsSource.Eu, published?.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture) ?? generated ?? "unknown", published, entries), warnings, null);
        }
        catch (XmlException ex)
        {
            return Broken(ex, reader);
        }
    }

    private static SanctionsEntry? Entry(XElement entity, long line, List<ListIssue> warnings)
    {
        var id = Attr(entity, "logicalId");
        if (id is null)
        {
            warnings.Add(new ListIssue(line, 0, "a sanctionEntity has no logicalId and was skipped."));
            return null;
        }

        var code = Children(entity, "subjectType").Select(s => Attr(s, "code")).FirstOrDefault();
        var kind = code switch
        {
            "person" => ListSubjectKind.Person,
            "enterprise" => ListSubjectKind.Organisation,
            _ => ListSubjectKind.Other,
        };
        var entry = new EntryBuilder(id, kind);

        // Strong aliases first so the first whole name is the main one.
        foreach (var alias in Children(entity, "nameAlias").OrderBy(a => Attr(a, "strong") == "true" ? 0 : 1))
        {
            entry.Name(Attr(alias, "wholeName") ?? string.Join(' ', new[] { Attr(alias, "firstName"), Attr(alias, "middleName"), Attr(alias, "lastName") }.Where(p => p is not null)));
        }

        foreach (var citizenship in Children(entity, "citizenship"))
        {
            entry.Country(Attr(citizenship, "countryIso2Code") ?? Attr(citizenship, "countryDescription"));
        }

        foreach (var identification in Children(entity, "identification"))
        {
            var number = Attr(identification, "number") ?? Attr(identification, "latinNumber");
            if (number is null)
            {
                continue;
            }

            var country = Countries.ToIso2(Attr(identification, "countryIso2Code"));
            var label = Attr(identification, "identificationTypeCode") + " " + Attr(identification, "identificationTypeDescription");
            entry.Identifier(Identifiers.Classify(label, number, country), number);
        }

        foreach (var address in Children(entity, "address"))
        {
            entry.Country(Attr(address, "countryIso2Code"));
            entry.Address(string.Join(", ", new[] { "street", "poBox", "zipCode", "city", "region", "place", "countryDescription" }
                .Select(a => Attr(address, a)).Where(p => p is not null && p != "UNKNOWN")));
        }

        foreach (var birth in Children(entity, "birthdate"))
        {
            entry.BirthDate(Attr(birth, "birthdate") ?? Attr(birth, "year"));
        }

        foreach (var regulation in Children(entity, "regulation"))
        {
            entry.Programme(Attr(regulation, "programme"));
        }

        if (!entry.HasName)
        {
            warnings.Add(new ListIssue(line, 0, $"sanctionEntity {id} has no name and was skipped."));
            return null;
        }

        return entry.Build();
    }
}
