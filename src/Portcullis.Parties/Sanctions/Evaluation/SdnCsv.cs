using CsvHelper;

namespace Portcullis.Parties.Sanctions.Evaluation;

/// <summary>
/// OFAC's legacy CSV export (sdn.csv and alt.csv: no header, "-0-" for empty) read into entries. Only the
/// evaluation uses it, for the real names behind the labelled pairs; imports go through the XML readers.
/// </summary>
public static class SdnCsv
{
    public static List<SanctionsEntry> Load(string sdnPath, string altPath)
    {
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in Rows(altPath))
        {
            if (row.Length > 3 && Value(row[3]) is { } alias)
            {
                if (!aliases.TryGetValue(row[0].Trim(), out var list))
                {
                    aliases[row[0].Trim()] = list = [];
                }

                list.Add(alias);
            }
        }

        var entries = new List<SanctionsEntry>();
        foreach (var row in Rows(sdnPath))
        {
            if (row.Length < 4 || Value(row[1]) is not { } name)
            {
                continue;
            }

            var id = row[0].Trim();
            var kind = Value(row[2]) switch
            {
                "individual" => ListSubjectKind.Person,
                "vessel" => ListSubjectKind.Vessel,
                "aircraft" => ListSubjectKind.Other,
                _ => ListSubjectKind.Organisation,
            };
            entries.Add(new SanctionsEntry
            {
                EntryId = id,
                Kind = kind,
                Name = kind == ListSubjectKind.Person ? PersonName(name) : name,
                Aliases = aliases.TryGetValue(id, out var list) ? list.Select(a => kind == ListSubjectKind.Person ? PersonName(a) : a).ToList() : [],
                Programme = Value(row[3]),
            });
        }

        return entries;
    }

    // The CSV writes "LAST, First Middle"; the XML (and customs declarations) give "First Middle LAST".
    private static string PersonName(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 ? name[(comma + 1)..].Trim() + " " + name[..comma].Trim() : name;
    }

    private static string? Value(string field)
    {
        var value = field.Trim();
        return value.Length == 0 || value == "-0-" ? null : value;
    }

    private static IEnumerable<string[]> Rows(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false, MalformedData = CsvMalformedDataHandling.Recover }, leaveOpen: false);
        while (csv.Read())
        {
            var row = new string[csv.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = csv.GetString(i) ?? "";
            }

            yield return row;
        }
    }
}
