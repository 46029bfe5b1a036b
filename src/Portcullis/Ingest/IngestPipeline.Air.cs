using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Portcullis.Ingest.Air;
using Portcullis.Storage;

namespace Portcullis.Ingest;

public sealed partial class IngestPipeline
{
    private const int AirBatch = 2_000;

    /// <summary>Flight manifests store what they say of a waybill under this source, so that the waybill itself can replace it.</summary>
    internal const string FlightManifestSource = "XFFM ";

    /// <summary>
    /// Reads an IATA Cargo-XML file (one or more XFWB, XFZB, XFFM messages) in one transaction. A
    /// message whose identity is broken is quarantined alone, as its own XML; a file that is not
    /// well-formed (or has a DTD, or breaks a limit) stores nothing. A waybill sent again is a
    /// duplicate; an Update replaces it (with a revision), a Deletion retracts it. A flight manifest
    /// stores the flight and any waybill not known yet; the waybill, when it comes, replaces what the
    /// manifest said.
    /// </summary>
    public async Task<IngestReceipt> IngestCargoXmlAsync(string path, IngestOrigin origin, CancellationToken cancellationToken)
    {
        var receipt = await NewReceiptAsync(IngestFormat.CargoXml, path, origin, cancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var items = CargoXmlReader.Read(bytes, CargoXmlOptions.Default, cancellationToken);
        return await StoreAirAsync(receipt, bytes, items, origin, cancellationToken);
    }

    /// <summary>
    /// Reads IATA ONE Record logistics objects (JSON-LD) in one transaction, with the same rules as
    /// Cargo-XML: one consignment per waybill, duplicates and quarantine per object.
    /// </summary>
    public async Task<IngestReceipt> IngestOneRecordAsync(string path, IngestOrigin origin, CancellationToken cancellationToken)
    {
        var receipt = await NewReceiptAsync(IngestFormat.OneRecord, path, origin, cancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return await StoreAirAsync(receipt, bytes, OneRecordReader.Read(bytes), origin, cancellationToken);
    }

    private async Task<IngestReceipt> StoreAirAsync(IngestReceipt receipt, byte[] bytes, IEnumerable<AirItem> items, IngestOrigin origin, CancellationToken cancellationToken)
    {
        var tally = new Tally(receipt);
        IngestIssue? failed = null;
        await Writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, cancellationToken), receipt.ReceivedAt);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Reading runs on its own thread and hands over batches, so that storing one overlaps reading the next.
            var batches = Channel.CreateBounded<List<AirItem>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = Task.Factory.StartNew(() => ReadAir(items, batches.Writer, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                await foreach (var read in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    if (read is [.., AirFailed broken])
                    {
                        failed = broken.Error;
                        break;
                    }

                    await StoreAirBatchAsync(db, writer, receipt, tally, read, cancellationToken);
                }
            }
            finally
            {
                // A reader still blocked on a full channel (storing failed) is released, not left behind.
                await stop.CancelAsync();
            }

            await reading;
            if (failed is null)
            {
                await writer.FlushAsync(cancellationToken);
                await SaveReceiptAsync(db, receipt, tally, false, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            Writer.Release();
        }

        if (failed is not null)
        {
            // The transaction was disposed uncommitted: nothing of this file is stored.
            tally = new Tally(receipt);
            tally.Count("file", rejected: 1);
            tally.Issue(failed);
            await SaveAloneAsync(receipt, tally, Quarantined(receipt, receipt.Format, "file", origin.FileName, failed, bytes), cancellationToken);
        }

        return receipt;
    }

    private static void ReadAir(IEnumerable<AirItem> items, ChannelWriter<List<AirItem>> batches, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<AirItem>(AirBatch);
            foreach (var item in items)
            {
                batch.Add(item);
                if (batch.Count == AirBatch || item is AirFailed)
                {
                    ReadAhead.Hand(batches, batch, cancellationToken);
                    batch = new List<AirItem>(AirBatch);
                }

                if (item is AirFailed)
                {
                    break;
                }
            }

            ReadAhead.Hand(batches, batch, cancellationToken);
            batches.Complete();
        }
        catch (Exception ex)
        {
            batches.Complete(ex);
        }
    }

    private async Task StoreAirBatchAsync(PortcullisDb db, CargoWriter writer, IngestReceipt receipt, Tally tally, List<AirItem> batch, CancellationToken cancellationToken)
    {
        var messages = batch.OfType<AirMessage>().ToList();
        await writer.PrefetchAsync([.. messages.SelectMany(m => m.Document.Consignments).Select(c => c.Reference)], [], [], cancellationToken);
        var fromManifest = await KnownOnlyFromManifestsAsync(db, writer, messages, cancellationToken);
        foreach (var item in batch)
        {
            switch (item)
            {
                case AirRejected rejected:
                    tally.Count(rejected.Type, rejected: 1);
                    tally.Issue(rejected.Error);
                    db.Quarantine.Add(Quarantined(receipt, receipt.Format, rejected.Type, rejected.Reference, rejected.Error, Encoding.UTF8.GetBytes(rejected.RawText)));
                    break;

                case AirMessage message:
                    await StoreAirMessageAsync(db, writer, receipt, tally, message, fromManifest, cancellationToken);
                    break;
            }
        }
    }

    private async Task StoreAirMessageAsync(PortcullisDb db, CargoWriter writer, IngestReceipt receipt, Tally tally, AirMessage message, HashSet<string> fromManifest, CancellationToken cancellationToken)
    {
        var document = message.Document;
        receipt.Sender ??= message.Sender;
        if (writer.Validate(document.Consignments) is { } invalid)
        {
            var issue = invalid with { Position = message.Position };
            tally.Count(message.Type, rejected: 1);
            tally.Issue(issue);
            db.Quarantine.Add(Quarantined(receipt, receipt.Format, message.Type, document.DocumentNumber, issue, Encoding.UTF8.GetBytes(message.RawText)));
            return;
        }

        tally.Warnings(document.Warnings);
        var movementId = await writer.MovementAsync(document.Movement, cancellationToken);
        if (message.Type == "XFFM")
        {
            var source = FlightManifestSource + document.DocumentNumber;
            foreach (var consignment in document.Consignments)
            {
                // A waybill the manifest lists that is known already stays as its waybill says.
                var outcome = await writer.ConsignmentAsync(consignment, DocumentFunction.Original, movementId, source, receipt.Id, null, cancellationToken);
                if (outcome != CargoOutcome.Duplicate)
                {
                    tally.Consignment(outcome);
                }
            }

            var fresh = await writer.KeyAsync("cargoxml-flight-manifest", document.DocumentNumber + "|" + document.MessageReference, receipt.Id, cancellationToken);
            tally.Count(message.Type, accepted: fresh ? 1 : 0, duplicates: fresh ? 0 : 1);
            return;
        }

        var changed = 0;
        foreach (var consignment in document.Consignments)
        {
            var function = document.Function == DocumentFunction.Original && fromManifest.Contains(consignment.Reference) ? DocumentFunction.Replace : document.Function;
            var outcome = await writer.ConsignmentAsync(consignment, function, movementId, document.DocumentNumber, receipt.Id, null, cancellationToken);
            changed += outcome == CargoOutcome.Duplicate ? 0 : 1;
            tally.Consignment(outcome);
        }

        tally.Count(message.Type, accepted: changed > 0 ? 1 : 0, duplicates: changed > 0 ? 0 : 1);
    }

    /// <summary>Which of these waybills are stored only as a flight manifest listed them: their own waybill replaces that.</summary>
    private static async Task<HashSet<string>> KnownOnlyFromManifestsAsync(PortcullisDb db, CargoWriter writer, List<AirMessage> messages, CancellationToken cancellationToken)
    {
        var references = messages.Where(m => m.Type != "XFFM" && m.Document.Function == DocumentFunction.Original)
            .SelectMany(m => m.Document.Consignments).Select(c => c.Reference).Distinct().ToList();
        if (references.Count == 0 || !messages.Any(m => m.Type == "XFFM") && !await db.Consignments.AnyAsync(c => c.SourceDocument != null && c.SourceDocument.StartsWith(FlightManifestSource), cancellationToken))
        {
            return [];
        }

        // What this transaction staged from a manifest earlier has to be visible to the query.
        await writer.FlushAsync(cancellationToken);
        var found = await db.Consignments.AsNoTracking()
            .Where(c => EF.Parameter(references).Contains(c.Reference) && c.RetractedAt == null && c.SourceDocument != null && c.SourceDocument.StartsWith(FlightManifestSource))
            .Select(c => c.Reference)
            .ToListAsync(cancellationToken);
        return [.. found];
    }
}
