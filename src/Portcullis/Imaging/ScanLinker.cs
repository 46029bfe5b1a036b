using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// Origin scans from a partner (and any scan of ours made before the selection) wait for their unit;
/// when a unit is selected (<c>selection.created</c>), its waiting scans of the last
/// <see cref="ImportScan.WaitingWindow"/> are linked to the new control, and from then on follow its
/// need-to-know. Only the node that wrote the row links (its origin), so two nodes never race for the
/// same scans; a link lost to a crash between commit and dispatch is made by the inspection's scan step.
/// Its own transaction, like the other outbox reactions.
/// </summary>
public sealed class ScanLinker(Database database, TimeProvider clock) : IOutboxHandler
{
    public const string Actor = "system:scan-linker";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == SelectionCreated.EventType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Origin != NodeIdentity.Current || JsonSerializer.Deserialize<SelectionCreated>(message.Payload, Json) is not { } created)
        {
            return;
        }

        await using var db = database.CreateContext();
        await LinkWaitingAsync(db, clock, created.SelectionId, created.Unit, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Links the unit's waiting scans of the window to the control; idempotent (only scans without a control move).</summary>
    public static async Task<int> LinkWaitingAsync(PortcullisDb db, TimeProvider clock, Guid selectionId, string unit, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - ImportScan.WaitingWindow;
        var waiting = await db.Scans.Where(s => s.Subject == unit && s.SelectionId == null && s.ScannedAt >= since).ToListAsync(cancellationToken);
        foreach (var scan in waiting)
        {
            scan.SelectionId = selectionId;
            scan.Version++;
            AuditLog.Record(db, clock, Actor, null, "scan.linked", AuditSubject.Of(scan), $"scan {scan.Id} ({scan.Origin}{(scan.Partner is null ? "" : " " + scan.Partner)}) to selection {selectionId}");
        }

        return waiting.Count;
    }
}
