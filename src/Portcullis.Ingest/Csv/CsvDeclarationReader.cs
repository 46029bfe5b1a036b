using CsvHelper;

namespace Portcullis.Ingest.Csv;

/// <summary>
/// Streams declaration rows out of a CSV/TSV file as a <see cref="CsvMapping"/> describes it.
/// CsvHelper does the parsing (quoting, embedded separators and newlines, BOM, transcoding,
/// separator detection); this only maps fields to records.
/// </summary>
public static class CsvDeclarationReader
{
    // One record larger than this is a broken quote swallowing the file, not a declaration.
    private const int MaxRecordBytes = 1 << 20;

    /// <summary>
    /// Reads <paramref name="csv"/> lazily, one row at a time; the stream stays open and owned by the
    /// caller. A file-level problem (a mapped column missing from the header, a record too large
    /// to be one) throws <see cref="IngestRejectedException"/> during enumeration; a bad row is
    /// yielded as rejected and reading goes on. An empty file yields nothing.
    /// </summary>
    public static IEnumerable<DeclarationRowResult> Read(Stream csv, CsvMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(mapping);
        return ReadRows(csv, mapping, cancellationToken);
    }

    private static IEnumerable<DeclarationRowResult> ReadRows(Stream csv, CsvMapping mapping, CancellationToken cancellationToken)
    {
        CsvMalformedRecord? malformed = null;
        var options = new CsvReaderOptions
        {
            Separator = mapping.Delimiter?[0],
            HasHeader = mapping.HasHeader,
            Encoding = mapping.Encoding,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,
            PoolStrings = true,
            // Recover keeps reading after bad quoting; the callback tells which row to reject.
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => malformed ??= record,
        };
        using var reader = CsvReader.Create(csv, options, leaveOpen: true);

        RowMapper? mapper = null;
        if (mapping.HasHeader)
        {
            string[] header = [.. Guard(reader, 0, r => r.Headers)];
            if (header.Length == 0)
            {
                yield break;
            }

            mapper = new RowMapper(mapping, ColumnResolver.Resolve(mapping, header, header.Length));
        }

        long row = 0;
        while (Guard(reader, row, r => r.Read()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            row++;
            var position = new InputPosition(reader.ByteOffset, (int)Math.Min(reader.LineNumber, int.MaxValue), 1);
            mapper ??= new RowMapper(mapping, ColumnResolver.Resolve(mapping, null, reader.FieldCount));
            if (malformed is { } bad)
            {
                malformed = null;
                // A stray quote inside a value (12" pipe) is common and harmless: the value keeps it.
                if (bad.Reason != CsvMalformedReason.StrayQuote)
                {
                    yield return DeclarationRowResult.Rejected(row, IngestIssue.Error(
                        "csv.bad-quote",
                        $"Row {RowMapper.Label(row)} has broken quoting ({bad.Reason}); quote the whole field and double the quotes inside it.",
                        position));
                    continue;
                }
            }

            yield return mapper.Map(reader, row, position);
        }
    }

    private static T Guard<T>(CsvReader reader, long row, Func<CsvReader, T> read)
    {
        try
        {
            return read(reader);
        }
        catch (CsvFormatException e)
        {
            throw new IngestRejectedException(IngestIssue.Error(
                "csv.structure",
                $"The CSV cannot be read after data row {RowMapper.Label(row)} (a record over {MaxRecordBytes / 1024} KiB, usually an unclosed quote); check the quoting there.",
                new InputPosition(e.ByteOffset, (int)Math.Min(e.LineNumber, int.MaxValue), 1)));
        }
    }

    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
