using System.Text;
using Portcullis.Ingest.Csv;

namespace Portcullis.Ingest;

public sealed partial class IngestPipeline
{
    private const int CsvChunk = 1_000;

    /// <summary>
    /// Reads a CSV/TSV declaration file with its mapping, in one transaction: a declaration id
    /// already stored is a duplicate; rejected rows are listed on the receipt, and the file is
    /// quarantined once (with its mapping) so that a replay after a fix lands just those rows.
    /// </summary>
    public async Task<IngestReceipt> IngestCsvAsync(string path, string mappingText, IngestOrigin origin, CancellationToken cancellationToken)
    {
        var receipt = await NewReceiptAsync(IngestFormat.Csv, path, origin, cancellationToken);
        var tally = new Tally(receipt);
        CsvMapping mapping;
        try
        {
            mapping = CsvMapping.Load(new StringReader(mappingText));
        }
        catch (IngestRejectedException ex)
        {
            // A broken mapping is the operator's mistake, not the sender's: nothing to quarantine.
            tally.Count("declaration", rejected: 1);
            tally.Issue(ex.Issue);
            await SaveAloneAsync(receipt, tally, null, cancellationToken);
            return receipt;
        }

        await Writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, cancellationToken), receipt.ReceivedAt);
            var rejectedRows = new List<long>();
            IngestIssue? firstRejection = null;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                try
                {
                    await using var file = OpenRead(path);
                    foreach (var chunk in CsvDeclarationReader.Read(file, mapping, cancellationToken).Chunk(CsvChunk))
                    {
                        var accepted = chunk.Where(r => r.Declaration is not null).Select(r => r.Declaration!).ToList();
                        await writer.PrefetchAsync([.. accepted.Select(d => d.Consignment.Reference)], [], [], cancellationToken);
                        foreach (var row in chunk)
                        {
                            var issue = row.Issue ?? (row.Declaration is { } d ? writer.Validate([d.Consignment]) : null);
                            if (issue is not null || row.Declaration is null)
                            {
                                issue ??= IngestIssue.Error("csv.row", $"Row {row.Row:N0} could not be read.");
                                tally.Count("declaration", rejected: 1);
                                tally.Issue(issue.Position is null ? issue with { Message = $"Row {row.Row:N0}: {issue.Message}" } : issue);
                                rejectedRows.Add(row.Row);
                                firstRejection ??= issue;
                                continue;
                            }

                            await StoreDeclarationAsync(writer, row.Declaration, receipt, tally, cancellationToken);
                        }
                    }
                }
                catch (IngestRejectedException ex)
                {
                    // A file-level problem (a mapped column the header lacks, a runaway quote): nothing lands.
                    await transaction.RollbackAsync(cancellationToken);
                    writer.RolledBack();
                    tally.RolledBack();
                    tally.Count("file", rejected: 1);
                    tally.Issue(ex.Issue);
                    await SaveAloneAsync(receipt, tally, Quarantined(receipt, IngestFormat.Csv, "file", origin.FileName, ex.Issue, PayloadOf(path), mappingText), cancellationToken);
                    return receipt;
                }

                await writer.FlushAsync(cancellationToken);
                if (firstRejection is not null)
                {
                    var summary = IngestIssue.Error(
                        firstRejection.Code,
                        $"{rejectedRows.Count:N0} row(s) were rejected (rows {string.Join(", ", rejectedRows.Take(20).Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}{(rejectedRows.Count > 20 ? ", …" : "")}); the first: {firstRejection.Message}",
                        firstRejection.Position);
                    db.Quarantine.Add(Quarantined(receipt, IngestFormat.Csv, "declaration rows", origin.FileName, summary, PayloadOf(path), mappingText));
                }

                await SaveReceiptAsync(db, receipt, tally, false, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            Writer.Release();
        }

        return receipt;
    }

    private static async Task StoreDeclarationAsync(CargoWriter writer, DeclarationRecord declaration, IngestReceipt receipt, Tally tally, CancellationToken cancellationToken)
    {
        var outcome = await writer.ConsignmentAsync(declaration.Consignment, DocumentFunction.Original, null, receipt.FileName, receipt.Id, null, cancellationToken);
        if (outcome == CargoOutcome.Duplicate)
        {
            tally.Count("declaration", duplicates: 1);
            return;
        }

        tally.Consignment(outcome);
        tally.Count("declaration", accepted: 1);
        var id = writer.StagedId(declaration.Consignment.Reference)!.Value;
        writer.Features(id, declaration.Categorical, declaration.Numeric);
        if (declaration.Outcome is { } result)
        {
            // A historical outcome is dated with its declaration: the risk engine learns from it only
            // for declarations after that date.
            var date = declaration.Consignment.BookedAt ?? declaration.Consignment.ArrivedAt ?? receipt.ReceivedAt;
            writer.Outcome(id, result, date, receipt.Id);
        }
    }

    private async Task SaveAloneAsync(IngestReceipt receipt, Tally tally, QuarantineItem? quarantined, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (quarantined is not null)
        {
            db.Quarantine.Add(quarantined);
        }

        await SaveReceiptAsync(db, receipt, tally, false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string MappingText(string mappingPath) => File.ReadAllText(mappingPath, Encoding.UTF8);
}
