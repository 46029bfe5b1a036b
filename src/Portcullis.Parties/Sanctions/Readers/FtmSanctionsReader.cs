using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portcullis.Parties.Names;

namespace Portcullis.Parties.Sanctions.Readers;

/// <summary>
/// FollowTheMoney entities as JSON lines (the OpenSanctions export): one <c>{"id","schema","properties":{…}}</c>
/// per line. Persons, companies, organisations, legal entities and vessels become entries; other schemas
/// (addresses, sanctions, relations) are skipped. FTM lines carry no list date, so the version is a content hash.
/// </summary>
public sealed class FtmSanctionsReader : ISanctionsListReader
{
    private static readonly string[] NameProperties = ["name", "alias", "previousName", "weakAlias"];
    private static readonly string[] CountryProperties = ["country", "nationality", "citizenship", "jurisdiction", "flag"];

    // FTM property → identifier kind. taxNumber and registrationNumber are classified by value and country.
    private static readonly (string Property, string Kind)[] IdentifierProperties =
    [
        ("innCode", Identifiers.Inn), ("ogrnCode", Identifiers.Ogrn), ("imoNumber", Identifiers.Imo), ("leiCode", Identifiers.Lei),
        ("vatCode", Identifiers.Vat), ("passportNumber", Identifiers.Passport), ("taxNumber", "tax"), ("registrationNumber", "registration"),
        ("idNumber", Identifiers.Other), ("swiftBic", Identifiers.Other),
    ];

    public SanctionsSource Source => SanctionsSource.Ftm;

    public SanctionsListResult Read(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var entries = new List<SanctionsEntry>();
        var warnings = new List<ListIssue>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        long lineNumber = 0;
        var sawObject = false;
        while (text.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData("\n"u8);
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var first = line.TrimStart()[0];
            if (first != '{')
            {
                var found = first == '<' ? "XML" : first == '[' ? "a JSON array" : "text that is not JSON";
                return SanctionsListResult.Fail(lineNumber, 1, $"The file holds {found}, but FollowTheMoney JSON lines (one {{\"id\", \"schema\", \"properties\"}} object per line) were expected; choose the matching --source.");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                var what = text.Peek() < 0 ? "is cut off (the file seems truncated)" : "is not valid JSON";
                return SanctionsListResult.Fail(lineNumber, (ex.BytePositionInLine ?? 0) + 1, $"The entity on this line {what}: {ex.Message.Split(" LineNumber", 2)[0].TrimEnd('.')}; nothing was imported.");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schemaElement) || schemaElement.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
                {
                    return SanctionsListResult.Fail(lineNumber, 1, sawObject
                        ? "This object has no \"id\" or \"schema\" string, which every FollowTheMoney entity needs; fix or remove the line."
                        : "The first object has no \"id\" and \"schema\" strings, so this is not a FollowTheMoney entity file; choose the matching --source.");
                }

                sawObject = true;
                var schema = schemaElement.GetString()!;
                var kind = schema switch
                {
                    "Person" => ListSubjectKind.Person,
                    "Company" or "Organization" or "LegalEntity" or "PublicBody" => ListSubjectKind.Organisation,
                    "Vessel" => ListSubjectKind.Vessel,
                    "Airplane" => ListSubjectKind.Other,
                    _ => (ListSubjectKind?)null,
                };
                if (kind is null || (root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.False))
                {
                    skipped[schema] = skipped.GetValueOrDefault(schema) + 1;
                    continue;
                }

                var entry = Entry(idElement.GetString()!, kind.Value, root);
                if (entry is null)
                {
                    warnings.Add(new ListIssue(lineNumber, 0, $"{schema} {idElement.GetString()} has no name and was skipped."));
                    continue;
                }

                entries.Add(entry);
            }
        }

        if (!sawObject)
        {
            return SanctionsListResult.Fail(Math.Max(lineNumber, 1), 0, "The file holds no FollowTheMoney entity; nothing was imported.");
        }

        if (skipped.Count > 0)
        {
            warnings.Add(new ListIssue(0, 0, "skipped entities that are not persons, organisations or vessels: " + string.Join(", ", skipped.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}")) + "."));
        }

        var version = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return new SanctionsListResult(new SanctionsList(SanctionsSource.Ftm, version, null, entries), warnings, null);
    }

    private static SanctionsEntry? Entry(string id, ListSubjectKind kind, JsonElement root)
    {
        if (!root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var entry = new EntryBuilder(id, kind);
        foreach (var property in NameProperties)
        {
            foreach (var name in Values(properties, property))
            {
                entry.Name(name);
            }
        }

        foreach (var property in CountryProperties)
        {
            foreach (var country in Values(properties, property))
            {
                entry.Country(country);
            }
        }

        var mainCountry = Values(properties, "country").Select(Countries.ToIso2).FirstOrDefault(c => c is not null);
        foreach (var (property, idKind) in IdentifierProperties)
        {
            foreach (var value in Values(properties, property))
            {
                var resolved = idKind switch
                {
                    "tax" => Identifiers.Classify("tax", value, mainCountry),
                    "registration" => Identifiers.Classify("registration", value, mainCountry),
                    _ => idKind,
                };
                entry.Identifier(resolved, value);
            }
        }

        foreach (var address in Values(properties, "address"))
        {
            entry.Address(address);
        }

        foreach (var date in Values(properties, "birthDate"))
        {
            entry.BirthDate(date);
        }

        foreach (var programme in Values(properties, "program").Concat(Values(properties, "programId")))
        {
            entry.Programme(programme);
        }

        return entry.HasName ? entry.Build() : null;
    }

    private static IEnumerable<string> Values(JsonElement properties, string name)
    {
        if (!properties.TryGetProperty(name, out var values) || values.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }
}
