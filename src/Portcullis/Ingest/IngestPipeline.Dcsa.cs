using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Ingest;

public sealed partial class IngestPipeline
{
    /// <summary>
    /// Reads a DCSA payload (one event, an array, or a notification envelope) in one transaction.
    /// An eventID stored before is a duplicate; a broken event is quarantined alone, as its own JSON,
    /// and never hides the others. Actual vessel arrivals and departures update the known voyage.
    /// </summary>
    public async Task<IngestReceipt> IngestDcsaAsync(string path, IngestOrigin origin, CancellationToken cancellationToken)
    {
        var receipt = await NewReceiptAsync(IngestFormat.Dcsa, path, origin, cancellationToken);
        var tally = new Tally(receipt);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        DcsaReadResult read;
        try
        {
            read = DcsaEventReader.Read(bytes, DcsaReaderOptions.Default, cancellationToken);
        }
        catch (IngestRejectedException ex)
        {
            tally.Count("payload", rejected: 1);
            tally.Issue(ex.Issue);
            await SaveAloneAsync(receipt, tally, Quarantined(receipt, IngestFormat.Dcsa, "payload", origin.FileName, ex.Issue, bytes), cancellationToken);
            return receipt;
        }

        await Writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, cancellationToken), receipt.ReceivedAt);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await writer.PrefetchAsync([], [], [.. read.Events.Select(e => e.EventId).OfType<string>()], cancellationToken);
            List<JsonElement>? raw = null;
            foreach (var result in read.Events)
            {
                switch (result.Outcome)
                {
                    case DcsaOutcome.ContainerEvent:
                        var record = result.ContainerEvent!;
                        var type = record.Type is Domain.Cargo.ContainerEventType.DoorOpened or Domain.Cargo.ContainerEventType.DoorClosed ? "IoT event" : "equipment event";
                        var stored = await writer.EventAsync(record, receipt.Id, cancellationToken);
                        tally.Count(type, accepted: stored ? 1 : 0, duplicates: stored ? 0 : 1);
                        break;

                    case DcsaOutcome.TransportCallEvent:
                        var call = result.TransportCallEvent!;
                        if (!await writer.KeyAsync("dcsa-event", call.EventId, receipt.Id, cancellationToken))
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
            }

            await writer.FlushAsync(cancellationToken);
            await SaveReceiptAsync(db, receipt, tally, false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            Writer.Release();
        }

        return receipt;
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
