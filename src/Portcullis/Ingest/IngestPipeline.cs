using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;
using Portcullis.Storage;

namespace Portcullis.Ingest;

/// <summary>Who or what submitted an input, for the receipt.</summary>
public sealed record IngestOrigin(string Channel, string? SubmittedBy = null, Guid? OrganisationId = null, string? FileName = null, bool Replay = false)
{
    public static IngestOrigin Cli(string fileName) => new("cli", Environment.UserName, null, Path.GetFileName(fileName));
}

/// <summary>
/// Takes spooled inputs (a file on disk) through a reader into storage. Every input gets a receipt;
/// what is stored and the receipt that acknowledges it commit in one transaction, so an
/// acknowledged message is never lost and a crash leaves no partial message. Writes are serialised:
/// SQLite has one writer anyway, and it keeps the duplicate checks simple and exact.
/// </summary>
public sealed partial class IngestPipeline(Database database, TimeProvider time, IngestOptions options)
{
    private static readonly SemaphoreSlim Writer = new(1, 1);

    private readonly EdifactReaderOptions _edifact = new()
    {
        MaxMessageBytes = options.MaxMessageBytes,
        MaxMessageBytesSetting = "Ingest:MaxMessageBytes",
    };

    /// <summary>Reads EDIFACT interchanges: one transaction per interchange, one receipt per file.</summary>
    public async Task<IngestReceipt> IngestEdifactAsync(string path, IngestOrigin origin, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var receipt = await NewReceiptAsync(IngestFormat.Edifact, path, origin, cancellationToken);
        var tally = new Tally(receipt);
        await Writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            var hubs = await CargoWriter.LoadHubLocationsAsync(db, cancellationToken);
            var writer = new CargoWriter(db, hubs, receipt.ReceivedAt);
            await using var file = OpenRead(path);
            var counting = new ProgressStream(file, progress);

            Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction = null;
            InterchangeHeader? header = null;
            var duplicateInterchange = false;
            var quarantine = new List<QuarantineItem>();
            var receiptStored = false;

            // The reader thread stops when storing stops, whatever the reason, before the file closes.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var batches = EdifactBatches.Start(counting, _edifact, writer, out var reading, stop.Token);
            try
            {
                await foreach (var batch in batches.ReadAllAsync(cancellationToken))
                {
                    await PrefetchAsync(writer, batch, cancellationToken);
                    foreach (var step in batch)
                    {
                        switch (step.Item)
                        {
                            case null when duplicateInterchange:
                                tally.Count(step.Message!.Type, duplicates: 1);
                                break;

                            case null:
                                await StoreMessageAsync(writer, step, receipt, tally, quarantine, cancellationToken);
                                break;

                            case InterchangeStarted started:
                                header = started.Header;
                                receipt.Sender ??= header.Sender;
                                tally.Warnings(started.Warnings);
                                transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                                duplicateInterchange = !origin.Replay && await IsKnownInterchangeAsync(db, header, cancellationToken);
                                if (!duplicateInterchange && !origin.Replay)
                                {
                                    db.IngestKeys.Add(new IngestKey { Scope = "edifact-interchange", Key = InterchangeKey(header), ReceiptId = receipt.Id });
                                }

                                break;

                            case MessageRejected rejected:
                                tally.Count(rejected.Type ?? "unknown", rejected: 1);
                                tally.Issue(rejected.Error);
                                // A message too large to keep has no text: quarantine keeps the reason only.
                                quarantine.Add(Quarantined(receipt, IngestFormat.Edifact, rejected.Type ?? "unknown", rejected.Reference, rejected.Error,
                                    rejected.RawText.Length == 0 ? null : EdifactText.Bytes(header, Envelope(header, rejected.RawText))));
                                break;

                            case InterchangeEnded:
                                await writer.FlushAsync(cancellationToken);
                                db.Quarantine.AddRange(quarantine);
                                receiptStored = await SaveReceiptAsync(db, receipt, tally, receiptStored, cancellationToken);
                                await transaction!.CommitAsync(cancellationToken);
                                await transaction.DisposeAsync();
                                transaction = null;
                                writer.Committed();
                                tally.Committed();
                                quarantine.Clear();
                                db.ChangeTracker.Clear();
                                break;

                            case InterchangeFailed failed:
                                if (transaction is not null)
                                {
                                    await transaction.RollbackAsync(cancellationToken);
                                    await transaction.DisposeAsync();
                                    transaction = null;
                                }

                                db.ChangeTracker.Clear();
                                writer.RolledBack();
                                tally.RolledBack();
                                quarantine.Clear();
                                tally.Count("interchange", rejected: 1);
                                tally.Issue(failed.Error);
                                await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
                                {
                                    db.Quarantine.Add(Quarantined(receipt, IngestFormat.Edifact, "interchange", failed.Header?.ControlReference, failed.Error, PayloadOf(path)));
                                    receiptStored = await SaveReceiptAsync(db, receipt, tally, receiptStored, cancellationToken);
                                    await tx.CommitAsync(cancellationToken);
                                }

                                tally.Committed();
                                db.ChangeTracker.Clear();
                                break;
                        }
                    }
                }

                await reading;
            }
            finally
            {
                await stop.CancelAsync();
                await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }
            }

            if (!receiptStored)
            {
                // An input without a single interchange: nothing to store, but the sender still gets a receipt.
                tally.Count("interchange", rejected: 1);
                var issue = IngestIssue.Error("edifact.no-interchange", "The input holds no EDIFACT interchange; send data that starts with UNA or UNB.");
                tally.Issue(issue);
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                db.Quarantine.Add(Quarantined(receipt, IngestFormat.Edifact, "interchange", null, issue, PayloadOf(path)));
                await SaveReceiptAsync(db, receipt, tally, false, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            Writer.Release();
        }

        return receipt;
    }

    /// <summary>Replays a quarantined item through its reader, as a new receipt.</summary>
    public async Task<RetryResult> RetryAsync(Guid id, IngestOrigin origin, CancellationToken cancellationToken)
    {
        QuarantineItem? item;
        await using (var db = database.CreateContext())
        {
            item = await db.Quarantine.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        }

        if (item is null)
        {
            return new RetryResult(null, 404, $"There is no quarantined item {id}.");
        }

        if (item.Status != QuarantineStatus.Open)
        {
            return new RetryResult(null, 409, $"Quarantined item {id} is {item.Status.ToString().ToLowerInvariant()} already; replay the open item that replaced it.");
        }

        if (item.Payload is null)
        {
            return new RetryResult(null, 409, $"Quarantined item {id} was too large to keep; have the sender send it again.");
        }

        var path = Path.Combine(Path.GetTempPath(), "portcullis-retry-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, item.Payload, cancellationToken);
        try
        {
            var replay = origin with { Replay = true, FileName = $"quarantine-{item.Id}" };
            var receipt = item.Format switch
            {
                IngestFormat.Edifact => await IngestEdifactAsync(path, replay, null, cancellationToken),
                _ => await ReplayOtherAsync(item, path, replay, cancellationToken),
            };

            await using var db = database.CreateContext();
            var now = time.GetUtcNow().UtcDateTime;
            var status = receipt.Rejected == 0 ? QuarantineStatus.Resolved : QuarantineStatus.Superseded;
            await db.Quarantine.Where(q => q.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(q => q.Status, status)
                    .SetProperty(q => q.Retries, q => q.Retries + 1)
                    .SetProperty(q => q.LastRetryAt, now)
                    .SetProperty(q => q.ResolvedByReceiptId, receipt.Id),
                cancellationToken);
            return new RetryResult(receipt, 200, null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Looks up, for a whole batch of messages at once, which consignments, containers and voyages
    /// are stored already, so that storing the messages costs no look-up per message.
    /// </summary>
    private static async Task PrefetchAsync(CargoWriter writer, List<EdifactStep> batch, CancellationToken cancellationToken)
    {
        var manifests = batch.Select(s => s.Mapped).OfType<MappedManifest>().Select(m => m.Document).ToList();
        if (manifests.Count == 0)
        {
            return;
        }

        await writer.PrefetchAsync(
            [.. manifests.SelectMany(m => m.Consignments).Select(c => c.Reference)],
            [.. manifests.SelectMany(m => m.Consignments).SelectMany(c => c.Equipment).Select(e => e.ContainerNumber)],
            [],
            cancellationToken);
        await writer.PrefetchMovementsAsync([.. manifests.Select(m => m.Movement)], cancellationToken);
    }

    private async Task StoreMessageAsync(CargoWriter writer, EdifactStep step, IngestReceipt receipt, Tally tally, List<QuarantineItem> quarantine, CancellationToken cancellationToken)
    {
        var message = step.Message!;
        if (step.Mapped is not { } document)
        {
            tally.Count(message.Type, rejected: 1);
            tally.Issue(step.Refused!);
            quarantine.Add(Quarantined(receipt, IngestFormat.Edifact, message.Type, message.Reference, step.Refused!, step.RefusedText));
            return;
        }

        tally.Warnings(message.Warnings);
        if (step.Refused is { } invalid)
        {
            // Checked on the reader thread: no consignment of this message may be staged.
            tally.Count(message.Type, rejected: 1);
            tally.Issue(invalid);
            quarantine.Add(Quarantined(receipt, IngestFormat.Edifact, message.Type, message.Reference, invalid, step.RefusedText));
            return;
        }

        switch (document)
        {
            case MappedManifest { Document: var manifest }:
                tally.Warnings(manifest.Warnings);
                var movementId = await writer.MovementAsync(manifest.Movement, cancellationToken);
                var changed = 0;
                if (manifest.Function == DocumentFunction.Cancel && manifest.Consignments.Count == 0)
                {
                    changed = await writer.RetractDocumentAsync(manifest.DocumentNumber, receipt.Id, cancellationToken);
                }

                foreach (var consignment in manifest.Consignments)
                {
                    var outcome = await writer.ConsignmentAsync(consignment, manifest.Function, movementId, manifest.DocumentNumber, receipt.Id, null, cancellationToken);
                    changed += outcome == CargoOutcome.Duplicate ? 0 : 1;
                    tally.Consignment(outcome);
                }

                tally.Count(message.Type, accepted: changed > 0 || manifest.Consignments.Count == 0 ? 1 : 0, duplicates: changed > 0 || manifest.Consignments.Count == 0 ? 0 : 1);
                break;

            case MappedBayPlan { Document: var bayPlan }:
                tally.Warnings(bayPlan.Warnings);
                var voyage = await writer.MovementAsync(bayPlan.Movement, cancellationToken);
                foreach (var stowage in bayPlan.Stowage)
                {
                    await writer.EquipmentAsync(stowage.ContainerNumber, stowage.SizeType, stowage.Reefer, cancellationToken);
                }

                await writer.StowageAsync(voyage, bayPlan.Stowage, receipt.Id, cancellationToken);
                tally.Count(message.Type, accepted: 1);
                break;

            case MappedEventReport { Document: var events }:
                tally.Warnings(events.Warnings);
                foreach (var record in events.Events)
                {
                    await writer.EventAsync(record with { Source = receipt.Sender ?? record.Source }, receipt.Id, cancellationToken);
                }

                tally.Count(message.Type, accepted: 1);
                break;
        }
    }

    private static async Task<bool> IsKnownInterchangeAsync(PortcullisDb db, InterchangeHeader header, CancellationToken cancellationToken)
    {
        var key = InterchangeKey(header);
        return await db.IngestKeys.AnyAsync(k => k.Scope == "edifact-interchange" && k.Key == key, cancellationToken);
    }

    /// <summary>The interchange control reference is unique per sender (ISO 9735), so the pair identifies it.</summary>
    private static string InterchangeKey(InterchangeHeader header) => header.Sender + "|" + header.ControlReference;

    private static string Envelope(InterchangeHeader? header, string rawMessage) =>
        header is null ? rawMessage : EdifactText.Wrap(header, rawMessage);

    private async Task<IngestReceipt> NewReceiptAsync(IngestFormat format, string path, IngestOrigin origin, CancellationToken cancellationToken)
    {
        await using var file = OpenRead(path);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return new IngestReceipt
        {
            Id = Guid.CreateVersion7(),
            Format = format,
            Channel = origin.Channel,
            SubmittedBy = origin.SubmittedBy,
            OrganisationId = origin.OrganisationId,
            FileName = origin.FileName,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
            SizeBytes = file.Length,
            Sha256 = Convert.ToHexStringLower(hash),
        };
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// <summary>The whole input for a rejected interchange or file, when it is small enough to keep in the database.</summary>
    private byte[]? PayloadOf(string path) =>
        new FileInfo(path).Length <= options.QuarantinePayloadLimitBytes ? File.ReadAllBytes(path) : null;

    private QuarantineItem Quarantined(IngestReceipt receipt, IngestFormat format, string type, string? reference, IngestIssue issue, byte[]? payload, string? mapping = null) => new()
    {
        Id = Guid.CreateVersion7(),
        ReceiptId = receipt.Id,
        Format = format,
        Type = type,
        Reference = reference,
        Code = issue.Code,
        Reason = issue.Message,
        Where = issue.Position?.ToString(),
        Payload = payload is { Length: var n } && n <= options.QuarantinePayloadLimitBytes ? payload : null,
        Mapping = mapping,
        QuarantinedAt = time.GetUtcNow().UtcDateTime,
    };

    private static async Task<bool> SaveReceiptAsync(PortcullisDb db, IngestReceipt receipt, Tally tally, bool stored, CancellationToken cancellationToken)
    {
        tally.Apply();
        if (stored)
        {
            db.IngestReceipts.Update(receipt);
        }
        else
        {
            db.IngestReceipts.Add(receipt);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
