using Portcullis.Parties.Names;

namespace Portcullis.Parties.Sanctions.Readers;

/// <summary>Collects one entry's fields, dropping blanks and duplicates, then makes the immutable record.</summary>
internal sealed class EntryBuilder(string entryId, ListSubjectKind kind)
{
    private readonly List<string> names = [];
    private readonly List<ListIdentifier> identifiers = [];
    private readonly List<string> countries = [];
    private readonly List<string> addresses = [];
    private readonly List<string> birthDates = [];
    private readonly List<string> programmes = [];

    public string EntryId { get; } = entryId;

    public ListSubjectKind Kind { get; set; } = kind;

    public bool HasName => names.Count > 0;

    public void Name(string? name) => AddDistinct(names, Clean(name));

    public void Identifier(string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var id = Identifiers.Make(kind, value);
        if (id.Value.Length > 0 && !identifiers.Contains(id))
        {
            identifiers.Add(id);
        }
    }

    /// <summary>Adds the alpha-2 code; returns false when a country name is not in the table (the caller warns).</summary>
    public bool Country(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return true;
        }

        var code = Countries.ToIso2(country);
        AddDistinct(countries, code);
        return code is not null;
    }

    public void Address(string? address) => AddDistinct(addresses, Clean(address));

    public void BirthDate(string? date) => AddDistinct(birthDates, Clean(date));

    public void Programme(string? programme) => AddDistinct(programmes, Clean(programme));

    public SanctionsEntry Build() => new()
    {
        EntryId = EntryId,
        Kind = Kind,
        Name = names[0],
        Aliases = names.Skip(1).ToList(),
        Identifiers = identifiers,
        Countries = countries,
        Addresses = addresses,
        BirthDates = birthDates,
        Programme = programmes.Count == 0 ? null : string.Join("; ", programmes),
    };

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var joined = string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return joined.Length > 1000 ? joined[..1000] : joined;
    }

    private static void AddDistinct(List<string> list, string? value)
    {
        if (value is not null && !list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }
}
