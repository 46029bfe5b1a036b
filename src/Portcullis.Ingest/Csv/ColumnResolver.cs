namespace Portcullis.Ingest.Csv;

/// <summary>Turns the mapping's column names into field indexes once, against the header; one error names every missing column.</summary>
internal static class ColumnResolver
{
    public static Func<ColumnRef?, int> Resolve(CsvMapping mapping, string[]? header, int firstRowWidth)
    {
        var width = header?.Length ?? firstRowWidth;
        var indexes = new Dictionary<ColumnRef, int>();
        var missing = new List<ColumnRef>();
        foreach (var column in mapping.Columns().Distinct())
        {
            var index = column.Index ?? Find(header ?? [], column.Name!);
            if (index < 0 || index >= width)
            {
                missing.Add(column);
            }
            else
            {
                indexes[column] = index;
            }
        }

        if (missing.Count > 0)
        {
            throw new IngestRejectedException(IngestIssue.Error("csv.unknown-column", Describe(missing, header, width), new InputPosition(0, 1, 1)));
        }

        return column => column is null ? -1 : indexes[column];
    }

    /// <summary>Exact header name first; else the one name that matches ignoring case and surrounding spaces.</summary>
    private static int Find(string[] header, string name)
    {
        var exact = Array.IndexOf(header, name);
        if (exact >= 0)
        {
            return exact;
        }

        var loose = header.Select((h, i) => (h, i)).Where(x => string.Equals(x.h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return loose.Count == 1 ? loose[0].i : -1;
    }

    private static string Describe(List<ColumnRef> missing, string[]? header, int width)
    {
        var names = string.Join(", ", missing);
        var noun = missing.Count == 1 ? "column" : "columns";
        return header is null
            ? $"The mapping reads {noun} {names}, but the first row has only {width} fields (#0 to #{width - 1}); fix the indexes in the mapping."
            : $"The file has no {noun} {names} that the mapping names; its columns are: {string.Join(", ", header.Select(h => $"'{CsvDeclarationReader.Shorten(h)}'"))}. Fix the names in the mapping.";
    }
}
