using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Portcullis.Ingest.Dcsa;
using Portcullis.Storage;

namespace Portcullis.Ingest;

public sealed partial class IngestPipeline
{
    /// <summary>
    /// Reads a DCSA payload (one event, an array, or a notification envelope) in one transaction.
    /// An eventID stored before is a duplicate; a broken event is quarantined alone, as its own JSON,
    /// and never hides the others. Actual vessel arrivals and departures update the known voyage.
    /// Parsing runs on its own thread and hands over batches, so that storing one batch overlaps
    /// reading the next; a payload that turns out broken part-way rolls the whole transaction back.
    /// </summary>
    public async Task<IngestReceipt> IngestDcsaAsync(string path, IngestOrigin origin, CancellationToken cancellationToken)
    {
        var receipt = await NewReceiptAsync(IngestFormat.Dcsa, path, origin, cancellationToken);
        var tally = new Tally(receipt);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var batches = Channel.CreateBounded<List<DcsaEventResult>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        IngestRejectedException? rejected = null;

        await Writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, cancellationToken), receipt.ReceivedAt);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var reading = Task.Factory.StartNew(() => Parse(bytes, batches.Writer, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            List<JsonElement>? raw = null;
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    await writer.PrefetchAsync([], [], [.. batch.Select(e => e.EventId).OfType<string>()], cancellationToken);
                    foreach (var result in batch)
                    {
                        raw = await StoreAsync(db, writer, receipt, tally, result, bytes, raw, cancellationToken);
                    }
                }

                await reading;
            }
            catch (IngestRejectedException ex)
            {
                rejected = ex;
            }

            if (rejected is null)
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

        if (rejected is not null)
        {
            // The transaction was disposed uncommitted: nothing of this payload is stored.
            tally = new Tally(receipt);
            tally.Count("payload", rejected: 1);
            tally.Issue(rejected.Issue);
            await SaveAloneAsync(receipt, tally, Quarantined(receipt, IngestFormat.Dcsa, "payload", origin.FileName, rejected.Issue, bytes), cancellationToken);
        }

        return receipt;
    }

    private const int DcsaBatch = 5_000;

    private static void Parse(byte[] bytes, ChannelWriter<List<DcsaEventResult>> batches, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<DcsaEventResult>(DcsaBatch);
            DcsaEventReader.ReadEach(bytes, result =>
            {
                batch.Add(result);
                if (batch.Count == DcsaBatch)
                {
                    ReadAhead.Hand(batches, batch, cancellationToken);
                    batch = new List<DcsaEventResult>(DcsaBatch);
                }
            }, DcsaReaderOptions.Default, cancellationToken);
            ReadAhead.Hand(batches, batch, cancellationToken);
            batches.Complete();
        }
        catch (Exception ex)
        {
            batches.Complete(ex);
        }
    }

    private async Task<List<JsonElement>?> StoreAsync(PortcullisDb db, CargoWriter writer, IngestReceipt receipt, Tally tally, DcsaEventResult result, byte[] bytes, List<JsonElement>? raw, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case DcsaOutcome.ContainerEvent:
                var record = result.ContainerEvent!;
                var type = DcsaCodes.IsIot(record.Type) ? "IoT event" : "equipment event";
                var stored = await writer.EventAsync(record, receipt.Id, cancellationToken);
                tally.Warnings(result.Warnings ?? []);
                tally.Count(type, accepted: stored ? 1 : 0, duplicates: stored ? 0 : 1);
                break;

            case DcsaOutcome.TransportCallEvent:
                var call = result.TransportCallEvent!;
                tally.Warnings(result.Warnings ?? []);
                if (!await writer.KeyAsync("dcsa-transport-event", call.EventId, receipt.Id, cancellationToken))
                {
                    tally.Count("transport event", duplicates: 1);
                    break;
                }

                if (!await writer.TransportCallAsync(call, cancellationToken))
                {
                    tally.Issue(IngestIssue.Warning("dcsa.unknown-voyage", $"Transport event {call.EventId} is for voyage {call.CarrierVoyageNumber ?? "(none)"} at {call.UnLocode ?? "(no place)"}, which no manifest has announced; it is recorded on this receipt only."));
                }

                tally.Count("transport event", accepted: 1);
                break;

            case DcsaOutcome.Retraction:
                tally.Issue(IngestIssue.Warning("dcsa.retraction", $"Event {result.RetractedEventId} was withdrawn by the sender; container events are kept as history, so it stays stored."));
                tally.Count("retraction", accepted: 1);
                break;

            case DcsaOutcome.Skipped:
                tally.Issue(result.Issue!);
                tally.Count("skipped", accepted: 1);
                break;

            case DcsaOutcome.Rejected:
                raw ??= EventElements(bytes);
                var payload = result.Index < raw.Count ? Encoding.UTF8.GetBytes(raw[result.Index].GetRawText()) : bytes;
                tally.Count("event", rejected: 1);
                tally.Issue(result.Issue!);
                db.Quarantine.Add(Quarantined(receipt, IngestFormat.Dcsa, "event", result.EventId, result.Issue!, payload));
                break;
        }

        return raw;
    }

    /// <summary>The events of a payload in order, whatever its shape, to quarantine a broken one alone.</summary>
    private static List<JsonElement> EventElements(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        IEnumerable<JsonElement> events = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray(),
            JsonValueKind.Object when root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array => data.EnumerateArray(),
            JsonValueKind.Object when root.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array => list.EnumerateArray(),
            _ => [root],
        };
        return [.. events.Select(e => e.Clone())];
    }
}
